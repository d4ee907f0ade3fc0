import { describe, expect, it } from 'vitest';
import isEmail from 'validator/lib/isEmail.js';
import { checkEmail, isValidEmail } from '../../main/import/email.js';

describe('checkEmail', () => {
  it('accepts normal addresses, trimmed, with a lower-cased identity key', () => {
    expect(checkEmail('  Ivan.Petrov+news@Abv.BG ')).toEqual({
      email: 'Ivan.Petrov+news@Abv.BG',
      key: 'ivan.petrov+news@abv.bg',
      status: 'valid',
      suggestion: null,
      lookalike: false,
      invisible: false,
    });
  });

  it('reports an empty address as empty', () => {
    expect(checkEmail('   ').status).toBe('empty');
  });

  it('accepts international characters after the @ only', () => {
    expect(checkEmail('info@пример.бг').status).toBe('valid');
    expect(checkEmail('иван@abv.bg')).toMatchObject({ status: 'invalid', suggestion: null, lookalike: false });
    expect(checkEmail('müller@gmail.com')).toMatchObject({ status: 'invalid', suggestion: null });
  });

  it('catches Cyrillic look-alike letters in the local part and suggests the Latin address', () => {
    // "ivаn": the а is Cyrillic U+0430.
    expect(checkEmail('iv\u0430n@abv.bg')).toEqual({
      email: 'iv\u0430n@abv.bg',
      key: 'iv\u0430n@abv.bg',
      status: 'invalid',
      suggestion: 'ivan@abv.bg',
      lookalike: true,
      invisible: false,
    });
    expect(checkEmail('\u0420\u0415\u0422\u041a\u041e@mail.bg').suggestion).toBe('PETKO@mail.bg');
    expect(checkEmail('\u0441\u0443\u0445\u0435\u0440\u043e\u0430@gmail.com').suggestion).toBe('cyxepoa@gmail.com');
  });

  it('catches look-alikes mixed into a Latin domain label, but not an all-Cyrillic domain', () => {
    expect(checkEmail('ivan@\u0430bv.bg')).toMatchObject({ status: 'invalid', suggestion: 'ivan@abv.bg', lookalike: true });
    expect(checkEmail('ivan@gm\u0430il.com').suggestion).toBe('ivan@gmail.com');
    expect(checkEmail('ivan@абв.бг').status).toBe('valid');
  });

  it('rejects malformed addresses', () => {
    for (const e of ['ivan.abv.bg', 'ivan@abv', 'ivan@', '@abv.bg', 'iv an@abv.bg', 'ivan..p@abv.bg', '.ivan@abv.bg', 'ivan@-abv.bg', 'ivan@abv.123', 'ivan@abv_x.bg', `${'a'.repeat(65)}@abv.bg`]) {
      expect(checkEmail(e).status, e).toBe('invalid');
    }
  });

  it('suggests the first of several addresses in one cell', () => {
    expect(checkEmail('a.b@abv.bg; c.d@gmail.com')).toMatchObject({ status: 'invalid', suggestion: 'a.b@abv.bg', lookalike: false });
    expect(checkEmail('a.b@abv.bg, c.d@gmail.com').suggestion).toBe('a.b@abv.bg');
  });
});

describe('isValidEmail', () => {
  const options = { allow_utf8_local_part: false, require_tld: true, allow_ip_domain: false, allow_display_name: false };

  it("agrees with validator's isEmail on generated addresses (its fast path is a strict subset)", () => {
    const parts = ['a', 'Z', '0', '.', '-', '_', '+', "'", '!', '~', '@', '..', '@@', 'ж', 'ü', ' ', '"', '(', 'xn--', 'com', 'bg', '1', '-x', 'x-'];
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(rnd() * 6);
      let local = '';
      for (let k = 0; k < n; k++) local += parts[Math.floor(rnd() * parts.length)];
      const labels = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => parts[Math.floor(rnd() * parts.length)]! + parts[Math.floor(rnd() * 4)]!);
      const email = `${local}@${labels.join('.')}.${['bg', 'com', 'c', '12', 'xn--p1ai', 'бг'][Math.floor(rnd() * 6)]}`;
      const expected = isEmail(email, options);
      expect(isValidEmail(email), email).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(500);
  });

  it('agrees on length limits', () => {
    for (const e of [`${'a'.repeat(64)}@abv.bg`, `${'a'.repeat(65)}@abv.bg`, `a@${'b'.repeat(63)}.bg`, `a@${'b'.repeat(64)}.bg`, `a@${'bcd.'.repeat(62)}bg`]) {
      expect(isValidEmail(e), e).toBe(isEmail(e, options));
    }
  });
});

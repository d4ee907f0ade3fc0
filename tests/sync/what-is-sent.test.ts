import { describe, expect, it } from 'vitest';
import type { Client } from '../../shared/domain/client.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { normalizeName } from '../../main/mapping/normalize-name.js';
import { desiredMember, sameData, type SyncRules } from '../../main/mapping/desired-state.js';
import { readClientValue } from '../../main/mapping/client-sources.js';
import { batchRow } from '../../main/sync/push.js';
import { createProgressReporter } from '../../main/sync/progress.js';
import { truncateUtf8 } from '../../main/mapping/utf8-truncate.js';
import type { SyncProgress } from '../../shared/domain/sync.js';

const client = (over: Partial<Client> = {}): Client => ({
  id: 1,
  importId: 1,
  line: 2,
  barsyId: '1',
  code: 'C1',
  name: 'Иван  Петров Иванов',
  company: 'Липа ЕООД',
  email: '  Ivan.Petrov@ABV.bg ',
  group: 'VIP',
  subscribed: true,
  deleted: false,
  extra: { Бележка: ' бележка ', Град: '' },
  representatives: [
    { kind: 'Управител', fields: [{ field: 'Име', value: 'Стоян Липов' }, { field: 'Телефон', value: '0888 555 111' }] },
    { kind: 'Сервитьор', fields: [{ field: 'Име', value: 'Георги' }] },
    { kind: 'Управител', fields: [{ field: 'Име', value: 'Мария Липова' }, { field: 'Телефон', value: '' }] },
    { kind: 'Управител', fields: [{ field: 'Име', value: '' }, { field: 'Телефон', value: '' }] },
  ],
  reasons: [],
  emailSuggestion: null,
  duplicateOfLine: null,
  ...over,
});

const rules = (over: Partial<SyncRules> = {}): SyncRules => ({
  groupInterest: new Map([
    ['VIP', 'i-vip'],
    ['Фирми', 'i-firms'],
    ['Фирми 2', 'i-firms'],
  ]),
  managedInterests: ['i-firms', 'i-vip'],
  tagSources: new Map(),
  implicitName: { first: 'FNAME', rest: 'LNAME' },
  readClient: readClientValue,
  ...over,
});

describe('what is sent for each client', () => {
  it('identity is the MD5 of the trimmed, lower-cased email; the address is sent trimmed', () => {
    const d = desiredMember(client(), rules());
    expect(d.hash).toBe(subscriberHash('ivan.petrov@abv.bg'));
    expect(d.email).toBe('Ivan.Petrov@ABV.bg');
  });

  it('name: FNAME = first word, LNAME = the rest; whole mode puts it all in FNAME and leaves LNAME alone', () => {
    expect(desiredMember(client(), rules()).mergeFields).toEqual({ FNAME: 'Иван', LNAME: 'Петров Иванов' });
    expect(desiredMember(client(), rules({ implicitName: { first: 'FNAME', rest: null } })).mergeFields).toEqual({ FNAME: 'Иван Петров Иванов' });
    // An explicit mapping of the name replaces the default for its tag.
    const explicit = rules({ implicitName: null, tagSources: new Map([['FULLNAME', [{ source: 'name', type: 'client' as const }]]]) });
    expect(desiredMember(client(), explicit).mergeFields).toEqual({ FULLNAME: 'Иван Петров Иванов' });
  });

  it('merge values: client values first, then each representative in export order; ", " within, "; " between; empties skipped', () => {
    const tagSources = new Map([
      [
        'REPRES',
        [
          { source: 'company', type: 'client' as const },
          { source: 'Град', type: 'client' as const },
          { source: 'Управител: Име', type: 'representative' as const, kind: 'Управител', field: 'Име' },
          { source: 'Управител: Телефон', type: 'representative' as const, kind: 'Управител', field: 'Телефон' },
        ],
      ],
      ['NOTE', [{ source: 'Бележка', type: 'client' as const }]],
      ['EMPTY', [{ source: 'Град', type: 'client' as const }]],
    ]);
    const d = desiredMember(client(), rules({ implicitName: null, tagSources }));
    expect(d.mergeFields).toEqual({ REPRES: 'Липа ЕООД; Стоян Липов, 0888 555 111; Мария Липова', NOTE: 'бележка', EMPTY: '' });
    expect(d.shortened).toEqual([]);
  });

  it('interests: the own group true, every other mapped interest false, unmanaged ones not sent', () => {
    expect(desiredMember(client(), rules()).interests).toEqual({ 'i-vip': true, 'i-firms': false });
    expect(desiredMember(client({ group: 'Фирми 2' }), rules()).interests).toEqual({ 'i-vip': false, 'i-firms': true });
  });

  it('cuts at 255 UTF-8 bytes on a character boundary (127 Cyrillic letters) and reports it', () => {
    const long = 'Щ'.repeat(300);
    expect(truncateUtf8(long)).toEqual({ value: 'Щ'.repeat(127), originalBytes: 600, cut: true });
    expect(truncateUtf8('a'.repeat(254) + 'Щ').value).toBe('a'.repeat(254));
    expect(truncateUtf8('a'.repeat(253) + '😀').value).toBe('a'.repeat(253));
    expect(truncateUtf8('кратко')).toEqual({ value: 'кратко', originalBytes: 12, cut: false });
    const d = desiredMember(client({ extra: { Бележка: long } }), rules({ implicitName: null, tagSources: new Map([['NOTE', [{ source: 'Бележка', type: 'client' as const }]]]) }));
    expect(d.shortened).toEqual([{ tag: 'NOTE', originalBytes: 600, sentValue: 'Щ'.repeat(127) }]);
  });

  it('compares only managed tags and interests; a missing value equals an empty one', () => {
    const d = desiredMember(client(), rules());
    expect(sameData(d, { mergeFields: { FNAME: 'Иван', LNAME: 'Петров Иванов', PHONE: 'x' }, interests: { 'i-vip': true, other: true } })).toBe(true);
    expect(sameData(d, { mergeFields: { FNAME: 'Иван', LNAME: 'Петров Иванов' }, interests: { 'i-vip': true, 'i-firms': true } })).toBe(false);
    expect(sameData({ mergeFields: { NOTE: '' }, interests: {} }, { mergeFields: {}, interests: {} })).toBe(true);
  });

  it('batch rows carry a status only where the member must become subscribed', () => {
    const d = desiredMember(client(), rules());
    expect(batchRow({ desired: d, action: 'create' }).status).toBe('subscribed');
    expect(batchRow({ desired: d, action: 'resubscribe' }).status).toBe('subscribed');
    expect('status' in batchRow({ desired: d, action: 'update' })).toBe(false);
  });
});

describe('auto-match names', () => {
  it('ignores case, spacing and Cyrillic/Latin look-alike letters', () => {
    expect(normalizeName('Редовни  Клиенти ')).toBe(normalizeName('редовни клиенти'));
    // "VIР" ends in a Cyrillic Р; "TOП" starts with Latin T and O.
    expect(normalizeName('VIP')).toBe(normalizeName('VI\u0420'));
    expect(normalizeName('\u0422\u041e\u041f клиенти')).toBe(normalizeName('TO\u041f Клиенти'));
    expect(normalizeName('Kлиенти')).toBe(normalizeName('Клиенти'));
    expect(normalizeName('Фирми')).not.toBe(normalizeName('Фирма'));
  });
});

describe('throttled progress', () => {
  it('emits at most one event per interval, never loses the last update, and sends phase changes at once', async () => {
    let t = 0;
    const got: SyncProgress[] = [];
    const counts = { clients: 0, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 };
    const r = createProgressReporter(1, (p) => got.push(p), { intervalMs: 100, now: () => t });
    r.update({ phase: 'pushing', done: 0, total: 1000, counts });
    for (let i = 1; i <= 50; i++) {
      t += 10;
      r.update({ phase: 'pushing', done: i * 10, total: 1000, counts });
    }
    expect(got.length).toBe(6);
    r.update({ phase: 'done', done: 1000, total: 1000, counts });
    expect(got.at(-1)).toMatchObject({ phase: 'done', done: 1000 });
    expect(got[3]!.rate).toBeGreaterThan(900);
    r.close();
  });
});

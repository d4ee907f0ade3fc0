import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { readSmtpConfig, transportOptions } from '../../main/report/smtp-config.js';
import { classifySmtpError } from '../../main/report/smtp-errors.js';
import type { SmtpPreset } from '../../main/report/smtp-presets.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { registerSecret } from '../../main/logging/logger.js';

let app: TempApp;
beforeEach(() => {
  app = createTempApp('barsy-smtp-');
});
afterEach(async () => {
  await app.cleanup();
});

const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);
const plain587 = { host: 'mail.example.bg', port: 587, secure: false };

describe('SMTP presets and settings', () => {
  it('offers the Bulgarian providers first, then nodemailer\u2019s well-known mailboxes', async () => {
    const res = await app.dispatch('smtp:presets', {});
    expect(res.ok).toBe(true);
    const presets = res.ok ? (res.value as SmtpPreset[]) : [];
    expect(presets.slice(0, 2)).toEqual([
      { id: 'abv.bg', label: 'ABV.bg', host: 'smtp.abv.bg', port: 465, secure: true },
      { id: 'mail.bg', label: 'Mail.bg', host: 'mail.bg', port: 465, secure: true },
    ]);
    expect(presets).toContainEqual({ id: 'Gmail', label: 'Gmail', host: 'smtp.gmail.com', port: 465, secure: true });
    expect(presets).toContainEqual({ id: 'Outlook365', label: 'Microsoft 365 / Office 365', host: 'smtp.office365.com', port: 587, secure: false });
    expect(presets.map((p) => p.id)).toEqual(expect.arrayContaining(['Hotmail', 'Yahoo', 'Zoho']));
    expect(new Set(presets.map((p) => p.id)).size).toBe(presets.length);
  });

  it('resolves a preset (case-insensitively) over typed host settings, with its forced auth method', () => {
    const s = app.ctx.settings;
    s.set('smtp.service', 'zoho');
    s.set('smtp.host', 'ignored.example');
    s.set('smtp.user', 'me@zoho.com');
    s.set('smtp.pass', 'app-password-1');
    const c = readSmtpConfig(s);
    expect(c).toMatchObject({ source: 'Zoho', host: 'smtp.zoho.com', port: 465, secure: true, authMethod: 'LOGIN', from: 'me@zoho.com' });
    s.set('smtp.service', 'Outlook365');
    // A known provider on 587 must use STARTTLS: the password never goes in clear.
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ port: 587, secure: false, requireTLS: true, connectionTimeout: 10_000 });
    s.set('smtp.service', 'no-such-provider');
    expect(() => readSmtpConfig(s)).toThrowError(AppFailure);
  });

  it('defaults port and TLS of a typed host sensibly', () => {
    const s = app.ctx.settings;
    s.set('smtp.host', 'smtp.firma.bg');
    s.set('smtp.from', 'office@firma.bg');
    expect(readSmtpConfig(s)).toMatchObject({ source: 'custom', port: 587, secure: false, user: null, pass: null });
    s.set('smtp.secure', 'true');
    expect(readSmtpConfig(s)).toMatchObject({ port: 465, secure: true });
    s.set('smtp.secure', '');
    s.set('smtp.port', '465');
    expect(readSmtpConfig(s)).toMatchObject({ port: 465, secure: true });
    expect(transportOptions(readSmtpConfig(s))).not.toHaveProperty('auth');
  });
});

describe('SMTP error classification', () => {
  it('tells a wrong password, a wrong host or port, and a TLS mismatch apart', () => {
    expect(classifySmtpError(err({ code: 'EAUTH', response: '535 5.7.8 Authentication failed' }), plain587).code).toBe('smtp_auth');
    expect(classifySmtpError(err({ code: 'EENVELOPE', responseCode: 530, response: '530 5.7.0 Authentication required' }), plain587).code).toBe('smtp_auth');
    expect(classifySmtpError(err({ code: 'EDNS', originalCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND smtp.nowhere' }), plain587)).toEqual({
      code: 'smtp_connection',
      params: { host: 'mail.example.bg', port: 587 },
    });
    expect(classifySmtpError(err({ code: 'ETIMEDOUT', message: 'Connection timeout' }), plain587).code).toBe('smtp_connection');
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }), plain587).code).toBe('smtp_connection');
    // STARTTLS-style settings against an implicit-TLS port: the server waits for a TLS hello, no greeting comes.
    const onPort465 = { host: 'smtp.abv.bg', port: 465, secure: false };
    expect(classifySmtpError(err({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', message: 'Greeting never received' }), onPort465).code).toBe('smtp_tls');
    expect(classifySmtpError(err({ code: 'ESOCKET', message: 'ssl3_get_record:wrong version number' }), plain587).code).toBe('smtp_tls');
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), plain587).code).toBe('smtp_tls');
    expect(classifySmtpError(err({ code: 'ETLS', message: 'Error upgrading connection with STARTTLS' }), plain587).code).toBe('smtp_tls');
  });

  it('keeps the server\u2019s own words for anything else, shortened and without secrets', () => {
    const e = classifySmtpError(err({ code: 'EMESSAGE', response: `552 5.3.4 Message size exceeds fixed limit ${'x'.repeat(400)}` }), plain587);
    expect(e.code).toBe('smtp_failed');
    expect(String(e.params.detail)).toMatch(/^552 5\.3\.4 Message size exceeds fixed limit x+$/);
    expect(String(e.params.detail).length).toBeLessThanOrEqual(300);
    registerSecret('s3cret-smtp-pass');
    const leaked = classifySmtpError(err({ code: 'EPROTOCOL', response: '501 bad AUTH data s3cret-smtp-pass' }), plain587);
    expect(leaked).toEqual({ code: 'smtp_failed', params: { detail: '501 bad AUTH data [redacted]' } });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSmtpConfig, transportOptions } from '../../main/report/smtp-config.js';
import { formatError } from '../../shared/i18n/messages.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { configureSmtp, REPORT_TO, SMTP_PASS, SMTP_USER } from '../helpers/report/failed-report.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';

/** STARTTLS is required unless the user explicitly chose "no encryption" for a typed host; presets unchanged. */

let app: TempApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
});
afterAll(() => smtp.close());
beforeEach(() => {
  app = createTempApp('barsy-smtp-tls-');
});
afterEach(() => app.cleanup());

describe('transport options', () => {
  it('require STARTTLS for a typed host without SSL, unless "no encryption" is chosen', () => {
    const s = app.ctx.settings;
    s.set('smtp.host', 'relay.firma.bg');
    s.set('smtp.port', '587');
    s.set('smtp.from', 'office@firma.bg');
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ host: 'relay.firma.bg', port: 587, secure: false, requireTLS: true });
    s.set('smtp.noEncryption', 'true');
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ secure: false, requireTLS: false });
    // With SSL from the first byte there is nothing to require, and "no encryption" changes nothing.
    s.set('smtp.secure', 'true');
    s.set('smtp.port', '465');
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ port: 465, secure: true, requireTLS: false });
  });

  it('leave presets as they were: STARTTLS required on 587, SSL on 465, whatever "no encryption" says', () => {
    const s = app.ctx.settings;
    s.set('smtp.user', 'me@firma.bg');
    s.set('smtp.noEncryption', 'true');
    s.set('smtp.service', 'Outlook365');
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ host: 'smtp.office365.com', port: 587, secure: false, requireTLS: true });
    s.set('smtp.service', 'abv.bg');
    expect(transportOptions(readSmtpConfig(s))).toMatchObject({ host: 'smtp.abv.bg', port: 465, secure: true, requireTLS: false });
  });
});

describe('a real SMTP server on 127.0.0.1 that offers no STARTTLS', () => {
  it('gets no password and no mail for a typed host, and the user is told why and what to choose', async () => {
    configureSmtp(app.ctx, smtp.port, { 'smtp.noEncryption': 'false' });
    const before = smtp.received.length;
    const res = await app.dispatch('smtp:test', { to: REPORT_TO });
    expect(res.ok ? 'sent' : res.error).toEqual({ code: 'smtp_starttls_missing', params: { host: '127.0.0.1', port: smtp.port } });
    expect(smtp.authAttempts()).toBe(0);
    expect(smtp.received.length).toBe(before);
    if (!res.ok) {
      expect(formatError(res.error, 'en')).toContain('choose "No encryption"');
      expect(formatError(res.error, 'bg')).toContain('„Без криптиране“');
    }
  });

  it('delivers once "no encryption" is chosen', async () => {
    configureSmtp(app.ctx, smtp.port, { 'smtp.noEncryption': 'true' });
    const before = smtp.received.length;
    const res = await app.dispatch('smtp:test', { to: REPORT_TO });
    expect(res.ok).toBe(true);
    const got = await smtp.waitFor(before + 1);
    expect(got[before]!.envelopeTo).toEqual([REPORT_TO]);
    expect(smtp.authAttempts()).toBeGreaterThan(0);
  });
});

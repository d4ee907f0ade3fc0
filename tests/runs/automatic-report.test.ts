import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSync } from '../../main/sync/engine.js';
import { configureSmtp, SMTP_PASS, SMTP_USER } from '../helpers/report/failed-report.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';
import { createSyncEnv, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

let env: SyncEnv;
let smtp: TestSmtpServer;
beforeEach(async () => {
  env = await createSyncEnv();
  smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
  configureSmtp(env.app.ctx, smtp.port);
  env.app.ctx.settings.set('ui.language', 'en');
  await env.importRows(SEEDED);
  await env.autoMap();
});
afterEach(async () => {
  await env.cleanup();
  await smtp.close();
});

async function run(automatic: boolean) {
  const { done } = await startSync(env.app.ctx, { dryRun: false, automatic });
  return done;
}

describe('the report email of an automatic run', () => {
  it('says "partly failed" in the subject when some clients failed', async () => {
    const summary = await run(true);
    expect(summary.status).toBe('completed');
    expect(summary.counts.failed).toBeGreaterThan(0); // the demo audience has a permanently deleted address
    const [mail] = await smtp.waitFor(1);
    expect(mail!.mail.subject).toMatch(/^Automatic sync partly failed — Sync with Mailchimp /);
  }, 60_000);

  it('is sent when the run failed, with FAILED in the subject and what to fix in the text', async () => {
    env.app.ctx.settings.set('mailchimp.listId', 'nosuchlist');
    const summary = await run(true);
    expect(summary.status).toBe('failed');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.mail.subject).toMatch(/^Automatic sync FAILED — /);
    expect(mail!.mail.text).toContain('Mailchimp cannot find');
  }, 60_000);

  it('a run started by hand keeps its plain subject, and a failed one sends nothing (the owner is looking at it)', async () => {
    await run(false);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.mail.subject).toMatch(/^Sync with Mailchimp /);
    env.app.ctx.settings.set('mailchimp.listId', 'nosuchlist');
    expect((await run(false)).status).toBe('failed');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(1);
  }, 60_000);
});

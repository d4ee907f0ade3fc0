import { afterEach, describe, expect, it } from 'vitest';
import { renderRunReport } from '../../main/report/report-document.js';
import { loadRunData } from '../../main/runs/run-data.js';
import { createSyncEnv, manyRows, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

/** The run's report as the owner reads it (plain-text part, English). */
function reportText(env: SyncEnv, runId: number): string {
  return renderRunReport(loadRunData(env.app.ctx.db, runId), { lang: 'en', version: 'test', context: 'export' }).text;
}

describe('what the report tells about Mailchimp', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('review hold: new members sent as subscribed that come back pending are explained', async () => {
    env = await createSyncEnv({ review: true });
    await env.importRows(manyRows(12));
    await env.autoMap();
    const run = await env.sync();
    expect(run.counts).toMatchObject({ clients: 12, keptStatus: 12, created: 0, failed: 0 });
    expect(env.items(run.runId).every((it) => it.memberStatus === 'pending')).toBe(true);
    const text = reportText(env, run.runId);
    expect(text).toContain('Mailchimp is holding 12 new contacts as "pending" while it reviews the account');
    expect(text).not.toContain('have not yet confirmed from the email');
  }, 60_000);

  it('lists clients who unsubscribed in Mailchimp since the previous run, read from a cursor at the newest change (inclusive)', async () => {
    env = await createSyncEnv();
    await env.importRows([...SEEDED, ...manyRows(20, 100)]);
    await env.autoMap();
    const first = await env.sync();
    expect(first.status).toBe('completed');
    // Right after the run, in the same second as its last write as often as not: the inclusive cursor must still see it.
    await env.api.unsubscribeMember(env.listId, 'client105@shop-8.bg');
    await env.api.unsubscribeMember(env.listId, 'maria.ivanova@gmail.com');
    const second = await env.sync();
    expect(second.status).toBe('completed');
    expect(env.items(second.runId).find((it) => it.email === 'client105@shop-8.bg')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'unsubscribed' });
    const data = loadRunData(env.app.ctx.db, second.runId);
    expect(data.notes?.mailchimpChanges.map((c) => [c.email, c.status, c.name])).toEqual([
      ['maria.ivanova@gmail.com', 'unsubscribed', 'Мария Иванова'],
      ['client105@shop-8.bg', 'unsubscribed', 'Клиент Номер105'],
    ]);
    expect(reportText(env, second.runId)).toMatch(/UNSUBSCRIBED OR STOPPED IN MAILCHIMP SINCE THE LAST SYNC \(2\)[\s\S]*Мария Иванова <maria.ivanova@gmail.com>/);
    // Nothing changed since: the next run lists nobody and writes nothing.
    const writes = env.writes();
    const third = await env.sync();
    expect(loadRunData(env.app.ctx.db, third.runId).notes?.mailchimpChanges).toEqual([]);
    expect(env.writes()).toBe(writes);
  }, 60_000);
});

describe('errors classified right in the engine', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('"signed up to a lot of lists" is kept for a later run, not failed; the next run tries again', async () => {
    env = await createSyncEnv({ tooManySignups: ['client3@shop-3.bg'] });
    await env.importRows(manyRows(6));
    await env.autoMap();
    const run = await env.sync();
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ created: 5, keptStatus: 1, failed: 0 });
    expect(env.items(run.runId).find((it) => it.email === 'client3@shop-3.bg')).toMatchObject({ outcome: 'keptStatus', error: { code: 'mailchimp_too_many_signups' } });
    // Kept for later means sent again by the next run (not copied from this one's plan).
    const batches = env.sim.stats().byRoute['POST /lists/{list_id}'] ?? 0;
    const again = await env.sync();
    expect(env.sim.stats().byRoute['POST /lists/{list_id}'] ?? 0).toBe(batches + 1);
    expect(env.items(again.runId).find((it) => it.email === 'client3@shop-3.bg')).toMatchObject({ outcome: 'keptStatus', error: { code: 'mailchimp_too_many_signups' } });
  }, 60_000);

  it('a permanently deleted address answered as "Member In Compliance State" settles once and is not sent again', async () => {
    env = await createSyncEnv({ deletedAsCompliance: true });
    await env.importRows(SEEDED);
    await env.autoMap();
    const run = await env.sync();
    expect(env.items(run.runId).find((it) => it.email === 'stefan.kolev@gmail.com')).toMatchObject({ outcome: 'failed', error: { code: 'mailchimp_forgotten_email' } });
    const writes = env.writes();
    const again = await env.sync();
    expect(env.items(again.runId).find((it) => it.email === 'stefan.kolev@gmail.com')).toMatchObject({ outcome: 'failed', error: { code: 'mailchimp_forgotten_email' } });
    expect(env.writes()).toBe(writes);
  }, 60_000);
});

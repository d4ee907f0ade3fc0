import { formatError } from '../../shared/i18n/messages.js';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFieldMapping, saveGroupMapping } from '../../main/mapping/mapping-store.js';
import { startSync } from '../../main/sync/engine.js';
import { cancelActiveRun, whenRunEnds } from '../../main/runs/run-registry.js';
import type { SyncProgress } from '../../shared/domain/sync.js';
import { createSyncEnv, manyRows, memberOf, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

describe('sync lifecycle: preflight, dry run, removals, cancel, faults', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('preflight reports every mapping problem before any write', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    await env.autoMap();
    saveFieldMapping(env.app.ctx.db, env.listId, { source: 'Телефон', tag: 'PHONE' });
    saveFieldMapping(env.app.ctx.db, env.listId, { source: 'Бележка', tag: 'GONE' });
    saveGroupMapping(env.app.ctx.db, env.listId, { barsyGroup: 'VIP', interestId: 'deadbeef00', categoryId: null, interestName: 'VIP' });
    const writes = env.writes();
    const run = await env.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('preflight_failed');
    expect(run.error?.params.problems).toBe(3);
    // Stored as codes with parameters, never as words: each reader words them in its own language.
    expect(run.error?.params.detail).toBeUndefined();
    expect(run.error?.problems?.map((p) => [p.code, p.params.tag ?? p.params.interestId])).toEqual(
      expect.arrayContaining([
        ['mapping_tag_not_text', 'PHONE'],
        ['mapping_unknown_tag', 'GONE'],
        ['mapping_unknown_interest', 'deadbeef00'],
      ]),
    );
    const stored = env.app.ctx.db.prepare<[number], { error: string }>('SELECT error FROM sync_runs WHERE id = ?').get(run.runId);
    expect(stored?.error).not.toMatch(/[\u0400-\u04FF]/); // no Bulgarian (or any) words in the database
    expect(formatError(run.error!, 'en')).toMatch(/PHONE.*GONE|GONE.*PHONE/s);
    expect(formatError(run.error!, 'bg')).toMatch(/deadbeef00/);
    expect(env.writes()).toBe(writes);
  });

  it('a bad key fails the run with mailchimp_auth and writes nothing', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    await env.autoMap();
    env.app.ctx.settings.set('mailchimp.apiKey', '0123456789abcdef0123456789abcdef-us1');
    const { done } = await startSync(env.app.ctx, { dryRun: false });
    const run = await done;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('mailchimp_auth');
  });

  it('a real sync needs the report email; a dry run does not, shows the plan and writes nothing', async () => {
    env = await createSyncEnv({}, { reportEmail: false });
    await env.importRows(SEEDED);
    await env.autoMap();
    await expect(startSync(env.app.ctx, { dryRun: false, api: env.api })).rejects.toMatchObject({ appError: { code: 'report_email_missing' } });
    const writes = env.writes();
    const dry = await env.sync({ dryRun: true });
    expect(dry).toMatchObject({ status: 'completed', dryRun: true, reportEmail: { status: 'not_required' } });
    // Иван and Мария already match; Липа (representatives), Десислава (transactional) and Николай (archived) change.
    expect(dry.counts).toMatchObject({ clients: 10, keptStatus: 3, created: 2, updated: 3, unchanged: 2 });
    expect(env.writes()).toBe(writes);
  });

  it('removal policy: preview shows who stops being eligible, then unsubscribe / archive them', async () => {
    env = await createSyncEnv();
    const rows = SEEDED.filter((r) => r.id === 1 || r.id === 2 || r.id === 10);
    await env.importRows(rows);
    await env.autoMap();
    await env.sync();
    // Иван removes his subscription flag; Нов Клиент disappears from the export.
    await env.importRows(rows.filter((r) => r.id !== 10).map((r) => (r.id === 1 ? { ...r, subscribed: false } : r)));
    const leave = await env.call('sync:preview', {});
    expect(leave.removals).toEqual({ policy: 'leave', count: 2 });
    env.app.ctx.settings.set('sync.removalPolicy', 'unsubscribe');
    const preview = await env.call('sync:preview', { outcome: 'skipped' });
    expect(preview.removals).toEqual({ policy: 'unsubscribe', count: 2 });
    expect(preview.items.map((it) => [it.email, it.removal])).toEqual([['ivan.petrov@abv.bg', 'unsubscribed']]);
    const run = await env.sync();
    expect(env.items(run.runId).find((it) => it.email === 'ivan.petrov@abv.bg')).toMatchObject({ outcome: 'skipped', reason: 'not_subscribed', removal: 'unsubscribed' });
    let members = await env.members();
    expect(memberOf(members, 'ivan.petrov@abv.bg').status).toBe('unsubscribed');
    expect(memberOf(members, 'nov.klient@abv.bg').status).toBe('unsubscribed');
    expect(memberOf(members, 'maria.ivanova@gmail.com').status).toBe('subscribed');

    // archive: Мария moves to a group that is not synced.
    env.app.ctx.settings.set('sync.removalPolicy', 'archive');
    saveGroupMapping(env.app.ctx.db, env.listId, { barsyGroup: 'VIP', interestId: null, categoryId: null, interestName: null });
    const second = await env.sync();
    expect(env.items(second.runId).find((it) => it.email === 'maria.ivanova@gmail.com')).toMatchObject({ outcome: 'skipped', reason: 'group_not_mapped', removal: 'archived' });
    members = await env.members();
    expect(memberOf(members, 'maria.ivanova@gmail.com').status).toBe('archived');
    // Removals happen once: the next run has nothing to remove and writes nothing.
    const writes = env.writes();
    await env.sync();
    expect(env.writes()).toBe(writes);
  });

  it('progress is throttled to about 10 events a second and ends with phase done', async () => {
    env = await createSyncEnv({ latencyMs: 20, perMemberMs: 1 });
    await env.importRows(manyRows(1500));
    await env.autoMap();
    const events: Array<SyncProgress & { at: number }> = [];
    const off = env.app.ctx.events.on('sync:progress', (p) => events.push({ ...p, at: Date.now() }));
    const run = await env.sync({ batchSize: 100, concurrency: 2 });
    off();
    expect(run.counts.created).toBe(1500);
    const pushing = events.filter((e) => e.phase === 'pushing');
    expect(pushing.length).toBeGreaterThan(2);
    for (let i = 1; i < pushing.length; i++) expect(pushing[i]!.at - pushing[i - 1]!.at).toBeGreaterThanOrEqual(90);
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 1500, total: 1500 });
    expect(pushing.some((e) => e.rate > 0 && e.etaMs !== null)).toBe(true);
  });

  it('cancel stops promptly; the next sync resumes the same run without re-sending confirmed members', async () => {
    env = await createSyncEnv({ latencyMs: 30, perMemberMs: 2 });
    const rows = manyRows(1200);
    await env.importRows(rows);
    await env.autoMap();
    let cancelledAt = 0;
    let runId = 0;
    const off = env.app.ctx.events.on('sync:progress', (p) => {
      runId = p.runId;
      if (p.phase === 'pushing' && p.counts.created >= 200 && !cancelledAt) {
        cancelledAt = Date.now();
        cancelActiveRun(env.app.ctx, p.runId);
      }
    });
    const first = await env.sync({ batchSize: 100, concurrency: 2 });
    off();
    expect(first.status).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(2_500);
    const confirmed = first.counts.created;
    expect(confirmed).toBeGreaterThanOrEqual(200);
    expect(confirmed).toBeLessThan(1200);

    const batches = env.sim.stats().byRoute['POST /lists/{list_id}'] ?? 0;
    const resumed = await env.sync({ batchSize: 100, concurrency: 2 });
    expect(resumed.runId).toBe(runId);
    expect(resumed.status).toBe('completed');
    expect(resumed.counts).toMatchObject({ clients: 1200, created: 1200, failed: 0 });
    // Only the unconfirmed members were sent again (at most the two batches that were in flight are repeated).
    const resent = (env.sim.stats().byRoute['POST /lists/{list_id}'] ?? 0) - batches;
    expect(resent).toBeLessThanOrEqual(Math.ceil((1200 - confirmed) / 100) + 2);
    expect((await env.members()).filter((m) => m.email_address.startsWith('client')).length).toBe(1200);
  });

  it('sync:resume takes up a cancelled run by id; runs:get pages and filters its rows', async () => {
    env = await createSyncEnv({ latencyMs: 20, perMemberMs: 2 });
    await env.importRows([...SEEDED, ...manyRows(600, 100)]);
    await env.autoMap();
    const off = env.app.ctx.events.on('sync:progress', (p) => p.phase === 'pushing' && p.counts.created > 0 && cancelActiveRun(env.app.ctx, p.runId));
    const first = await env.sync({ batchSize: 50, concurrency: 1 });
    off();
    expect(first.status).toBe('cancelled');
    const { runId } = await env.call('sync:resume', { runId: first.runId });
    expect(runId).toBe(first.runId);
    await whenRunEnds(env.app.ctx, runId);
    const got = await env.call('runs:get', { runId, outcome: 'created', offset: 0, limit: 100 });
    expect(got.summary).toMatchObject({ status: 'completed', counts: { clients: 610, created: 601, keptStatus: 3, failed: 1 } });
    expect(got.total).toBe(601);
    expect(got.items).toHaveLength(100);
    expect(got.items.map((it) => it.line)).toEqual([...got.items.map((it) => it.line)].sort((a, b) => a - b));
    const search = await env.call('runs:get', { runId, search: 'димитров', offset: 0, limit: 10 });
    expect(search.items.map((it) => it.email)).toEqual(['georgi.dimitrov@abv.bg']);
    const again = await env.app.dispatch('sync:resume', { runId });
    expect(again.ok ? 'ok' : again.error.code).toBe('run_not_resumable');
    const runs = await env.call('runs:list', {});
    expect(runs.map((r) => r.runId)).toEqual([runId]);
  });

  it('10 % injected faults (429, 500, resets, lost answers) lose nothing and duplicate nothing', async () => {
    env = await createSyncEnv({ seed: 7 });
    const rows = manyRows(3000);
    await env.importRows(rows);
    await env.autoMap();
    env.sim.setFaults('*:500:0.03,*:429:0.02,*:reset:0.02,POST /lists/*:reset-after:0.03');
    const run = await env.sync({ batchSize: 100 });
    expect(env.sim.stats().faults).toBeGreaterThan(0);
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ clients: 3000, created: 3000, failed: 0 });
    const members = (await env.members()).filter((m) => m.email_address.startsWith('client'));
    expect(members.length).toBe(3000);
    expect(new Set(members.map((m) => m.email_address)).size).toBe(3000);
    expect(members.every((m) => m.status === 'subscribed')).toBe(true);
    // Faults during the re-sync do not make anything look changed.
    env.sim.setFaults('');
    const writes = env.writes();
    const again = await env.sync();
    expect(again.counts.unchanged).toBe(3000);
    expect(env.writes()).toBe(writes);
  });
});

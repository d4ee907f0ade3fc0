import { afterEach, describe, expect, it } from 'vitest';
import type { RunItem, RunSummary } from '../../shared/domain/sync.js';
import { loadRunData } from '../../main/runs/run-data.js';
import { computeRunCounts } from '../../main/runs/run-counts.js';
import { getRun } from '../../main/runs/run-store.js';
import { createSyncEnv, manyRows, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

/** What a run that took over `items`' plan shows: what they created or updated is unchanged, nothing removed. */
const takenOver = (items: RunItem[]): RunItem[] =>
  items.map((it) => (it.outcome === 'created' || it.outcome === 'updated' ? { ...it, outcome: 'unchanged', removal: null } : { ...it, removal: null }));

const ownRows = (env: SyncEnv, runId: number) =>
  (env.app.ctx.db.prepare('SELECT COUNT(*) AS n FROM run_items WHERE run_id = ?').get(runId) as { n: number }).n;

const expectCountsAddUp = (s: RunSummary) => {
  const c = s.counts;
  expect(c.created + c.updated + c.unchanged + c.skipped + c.keptStatus + c.failed).toBe(c.clients);
};

describe('a no-change re-sync takes over the last plan without copying its rows', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('shows the first run\'s rows as unchanged everywhere (summary, pages, report, CSV), chains to the first run, and resumes with rows of its own', async () => {
    env = await createSyncEnv();
    const rows = [...SEEDED, ...manyRows(300, 100), { id: 999, name: 'Без Имейл', email: '', group: 'VIP' }];
    await env.importRows(rows);
    await env.autoMap();
    const first = await env.sync();
    expect(first.status).toBe('completed');
    expect(first.counts.created).toBeGreaterThan(300);
    const db = env.app.ctx.db;
    // Its counts were stored as it finished.
    expect(getRun(db, first.runId)?.item_counts).not.toBeNull();

    const writes = env.writes();
    const second = await env.sync();
    expect(second.status).toBe('completed');
    expect(env.writes() - writes).toBe(0);
    expect(getRun(db, second.runId)?.items_run_id).toBe(first.runId);
    expect(ownRows(env, second.runId)).toBe(0);
    const firstItems = env.items(first.runId);
    expect(env.items(second.runId)).toEqual(takenOver(firstItems));
    expect(second.counts).toEqual({
      ...first.counts,
      created: 0,
      updated: 0,
      unchanged: first.counts.unchanged + first.counts.created + first.counts.updated,
    });
    expectCountsAddUp(second);
    // The stored counts are those a count of its rows (through the view) gives.
    expect(computeRunCounts(db, second.runId).counts).toEqual(second.counts);

    // The first run is untouched by the take-over.
    expect(env.items(first.runId)).toEqual(firstItems);
    expect((await env.call('runs:get', { runId: first.runId, offset: 0, limit: 1000 })).summary.counts).toEqual(first.counts);

    // A chain of take-overs reads the first run's rows.
    const third = await env.sync();
    expect(getRun(db, third.runId)?.items_run_id).toBe(first.runId);
    expect(env.items(third.runId)).toEqual(env.items(second.runId));

    // runs:get pages, filters and searches the taken-over rows.
    const all = env.items(third.runId);
    const page = await env.call('runs:get', { runId: third.runId, offset: 100, limit: 50 });
    expect(page.total).toBe(all.length);
    expect(page.items).toEqual(all.slice(100, 150));
    const unchanged = await env.call('runs:get', { runId: third.runId, outcome: 'unchanged', offset: 0, limit: 1000 });
    expect(unchanged.total).toBe(third.counts.unchanged);
    expect(unchanged.items).toEqual(all.filter((it) => it.outcome === 'unchanged'));
    expect((await env.call('runs:get', { runId: third.runId, outcome: 'created', offset: 0, limit: 10 })).total).toBe(0);
    const found = await env.call('runs:get', { runId: third.runId, search: 'ИВАН', offset: 0, limit: 10 });
    expect(found.items.map((it) => it.email).sort()).toEqual(all.filter((it) => /иван/i.test(it.name)).map((it) => it.email).sort());
    expect(found.total).toBe(found.items.length);

    // The report reads the same rows: its data, and the CSV (one line per client and the header).
    const data = loadRunData(db, third.runId);
    expect(data.summary.counts).toEqual(third.counts);
    expect(data.items).toEqual(all);
    const csv = await env.call('report:export', { runId: third.runId, format: 'csv' });
    const lines = csv.content.split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(lines.length).toBe(all.length + 1);
    for (const it of all.filter((i) => i.email !== '').slice(0, 20)) expect(csv.content).toContain(it.email);

    // A process killed right after taking over a plan leaves the run `running` with a dead owner: the
    // next sync resumes it, and a resumed run plans with rows of its own (nothing is sent: nothing changed).
    db.prepare("UPDATE sync_runs SET status = 'running', finished_at = NULL, pid = 2147483646, heartbeat_at = '2020-01-01T00:00:00.000Z', item_counts = NULL WHERE id = ?").run(third.runId);
    const resumed = await env.sync();
    expect(resumed.runId).toBe(third.runId);
    expect(resumed.status).toBe('completed');
    expect(env.writes() - writes).toBe(0);
    expect(getRun(db, third.runId)?.items_run_id).toBeNull();
    expect(ownRows(env, third.runId)).toBe(rows.length);
    expect(resumed.counts).toEqual(third.counts);
    // The same clients and outcomes (a forgotten address planned again carries the plan's error params, not Mailchimp's).
    const gist = (items: RunItem[]) => items.map((it) => [it.clientId, it.outcome, it.memberStatus, it.error?.code ?? null, it.removal]);
    expect(gist(env.items(third.runId))).toEqual(gist(all));

    // A change in Mailchimp since: the next run plans (no take-over) and names the client who left.
    await env.api.unsubscribeMember(env.listId, 'ivan.petrov@abv.bg');
    const fourth = await env.sync();
    expect(getRun(db, fourth.runId)?.items_run_id).toBeNull();
    expect(env.items(fourth.runId).find((it) => it.email === 'ivan.petrov@abv.bg')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'unsubscribed' });
    expect(loadRunData(db, fourth.runId).notes?.mailchimpChanges).toEqual([{ email: 'ivan.petrov@abv.bg', status: 'unsubscribed', name: 'Иван Петров', line: 2 }]);
  });

  it('a finished run without stored counts (finished before they were stored) gets them on first read, the same as counted', async () => {
    env = await createSyncEnv();
    await env.importRows([...SEEDED, ...manyRows(50, 100)]);
    await env.autoMap();
    const run = await env.sync();
    const db = env.app.ctx.db;
    const stored = getRun(db, run.runId)?.item_counts;
    db.prepare('UPDATE sync_runs SET item_counts = NULL WHERE id = ?').run(run.runId);
    const page = await env.call('runs:get', { runId: run.runId, offset: 0, limit: 5 });
    expect(page.summary.counts).toEqual(run.counts);
    expect(page.total).toBe(run.counts.clients);
    expect(JSON.parse(getRun(db, run.runId)!.item_counts!)).toEqual(JSON.parse(stored!));
  });
});

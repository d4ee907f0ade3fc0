import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFolder } from '../../main/watch/folder-watcher.js';
import { scanFolderOnce, type WatchResult } from '../../main/watch/watch-service.js';
import { createSyncEnv, manyRows, SEEDED, writeCsv, type SyncEnv } from '../helpers/sync-env.js';

let env: SyncEnv;
let inbox: string;
const runCount = () => env.app.ctx.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sync_runs').get()!.n;
const importCount = () => env.app.ctx.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM imports').get()!.n;

beforeEach(async () => {
  env = await createSyncEnv();
  inbox = path.join(env.app.dir, 'Barsy exports');
  fs.mkdirSync(inbox);
  // Groups and fields mapped once by hand, as the owner does on the first day.
  await env.importRows(SEEDED);
  await env.autoMap();
});
afterEach(async () => env.cleanup());

/** Waits until `cond` holds (polling), or fails after `ms`. */
async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

describe('the watched export folder', () => {
  it('imports a file written slowly in chunks once, after it is complete, then syncs it', async () => {
    const results: WatchResult[] = [];
    const watcher = watchFolder(env.app.ctx, inbox, { stableMs: 800, onResult: (r) => results.push(r) });
    try {
      await watcher.idle();
      const rows = [...SEEDED, ...manyRows(40, 100)];
      const full = fs.readFileSync(writeCsv(env.app.dir, rows, 'source.csv'));
      const target = path.join(inbox, 'clients-2026-12-07.csv');
      const chunks = 12;
      const step = Math.ceil(full.length / chunks);
      let lastWrite = 0;
      for (let i = 0; i < chunks; i++) {
        fs.appendFileSync(target, full.subarray(i * step, (i + 1) * step));
        lastWrite = Date.now();
        await sleep(200);
      }
      await until(() => results.length > 0, 30_000);
      await watcher.idle();
      await sleep(1_500); // nothing more may come for the same file
      expect(results).toHaveLength(1);
      const r = results[0]!;
      expect(r).toMatchObject({ file: target, action: 'imported' });
      expect(r.error).toBeUndefined();
      expect(r.counts!.clients).toBe(rows.length);
      expect(r.counts!.created + r.counts!.updated + r.counts!.unchanged).toBeGreaterThan(40);
      const imp = env.app.ctx.db.prepare<[number], { created_at: string; file_name: string }>('SELECT created_at, file_name FROM imports WHERE id = ?').get(r.importId!)!;
      expect(imp.file_name).toBe('clients-2026-12-07.csv');
      // Imported only once the writer had stopped for the settle time.
      expect(Date.parse(imp.created_at)).toBeGreaterThanOrEqual(lastWrite + 800);
      const run = env.app.ctx.db.prepare<[number], { status: string; import_id: number; automatic: number }>('SELECT status, import_id, automatic FROM sync_runs WHERE id = ?').get(r.runId!)!;
      expect(run).toEqual({ status: 'completed', import_id: r.importId, automatic: 1 });
      // The file is where it was, unchanged.
      expect(fs.readFileSync(target).equals(full)).toBe(true);
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('skips an identical copy, reports a broken file once, and takes it again once it changes', async () => {
    const good = writeCsv(inbox, [...SEEDED, ...manyRows(5, 200)], 'week-1.csv');
    fs.utimesSync(good, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const first = await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 });
    expect(first.map((r) => r.action)).toEqual(['imported']);
    const runsAfterFirst = runCount();

    // Nothing new: nothing reported, nothing synced.
    expect(await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 })).toEqual([]);

    // The same export saved again under another name: recognised, not synced again.
    fs.copyFileSync(good, path.join(inbox, 'week-1 (copy).csv'));
    // A broken file: a quote never closed.
    const broken = path.join(inbox, 'week-2.csv');
    fs.writeFileSync(broken, 'ID;Име;Email;Група\r\n1;"Иван Петров;ivan@abv.bg;VIP\r\n');
    const second = await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 });
    expect(second).toHaveLength(2);
    const copy = second.find((r) => r.file.endsWith('(copy).csv'))!;
    expect(copy).toMatchObject({ action: 'unchanged', importId: first[0]!.importId });
    expect(copy.runId).toBeUndefined();
    const failed = second.find((r) => r.file === broken)!;
    expect(failed.action).toBe('failed');
    expect(failed.error!.code).toBe('csv_unbalanced_quote');
    expect(runCount()).toBe(runsAfterFirst);

    // Reported once: not again, not even when saved again with the same bytes.
    expect(await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 })).toEqual([]);
    fs.utimesSync(broken, new Date(), new Date(Date.now() + 5_000));
    expect(await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 })).toEqual([]);

    // Fixed: imported and synced.
    const importsBefore = importCount();
    writeCsv(inbox, [...SEEDED, ...manyRows(7, 300)], 'week-2.csv');
    const third = await scanFolderOnce(env.app.ctx, inbox, { stableMs: 100 });
    expect(third).toHaveLength(1);
    expect(third[0]).toMatchObject({ file: broken, action: 'imported' });
    expect(importCount()).toBe(importsBefore + 1);
    expect(runCount()).toBe(runsAfterFirst + 1);
    // Nothing in the folder was moved or deleted.
    expect(fs.readdirSync(inbox).sort()).toEqual(['week-1 (copy).csv', 'week-1.csv', 'week-2.csv']);
  }, 60_000);
});

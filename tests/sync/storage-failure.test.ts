import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The 10 s: longer than a write's busy timeout (5 s, main/db/open-database.ts). */
const LOCK_MS = 10_000;

/**
 * Another process that will take the database's write lock and hold it for `ms` (as a big import in the
 * app would while the CLI syncs). It is started beforehand and waits for `lock()`, so the lock lands at
 * once when the run reaches the chosen point (starting a process there took long enough on a loaded
 * machine for the run to finish first). `lock()` resolves once the lock is held.
 */
function lockHolder(dbFile: string, ms: number): Promise<{ child: ChildProcess; lock: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 20000');
    process.stdout.write('ready\\n');
    process.stdin.once('data', () => {
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));
    });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, dbFile, String(ms)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    child.stdout.once('data', () => {
      const lock = () =>
        new Promise<void>((locked) => {
          child.stdout.once('data', () => locked());
          child.stdin.write('go\n');
        });
      resolve({ child, lock });
    });
  });
}

describe('every failure settles the run', () => {
  let env: SyncEnv;
  let holder: ChildProcess | undefined;
  afterEach(async () => {
    holder?.kill();
    await env?.cleanup();
  });

  it('the database locked by another process for 10 s, longer than the busy timeout (5 s), mid-run → the run ends interrupted with a clear message; the next sync works', async () => {
    // 10 ms a member (a batch of 100 takes ~1 s, the run ~8 s) and a holder started beforehand, asked to
    // lock after the first batch: the lock lands mid-run even when a loaded machine delays the progress
    // event or the holder by a few seconds (with 5 ms a member and the lock after 500 members, a full
    // `npm test` once saw the run finish first).
    env = await createSyncEnv({ latencyMs: 30, perMemberMs: 10 });
    const rows = manyRows(3000);
    await env.importRows(rows);
    await env.autoMap();
    const dbFile = path.join(env.app.dir, 'barsy-sync.sqlite');
    const prepared = await lockHolder(dbFile, LOCK_MS);
    holder = prepared.child;
    let locking: Promise<void> | undefined;
    const off = env.app.ctx.events.on('sync:progress', (p) => {
      if (!locking && p.phase === 'pushing' && p.counts.created >= 100) locking = prepared.lock();
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      const started = Date.now();
      const run = await env.sync({ batchSize: 100, concurrency: 4 });
      off();
      expect(locking).toBeDefined();
      await locking;
      expect(['failed', 'interrupted']).toContain(run.status);
      expect(run.error?.code).toBe('storage_busy');
      // It settled within the lock plus the busy waits, not never.
      expect(Date.now() - started).toBeLessThan(LOCK_MS + 45_000);
      expect(run.counts.failed).toBe(0);
      await new Promise<void>((resolve) => (holder!.exitCode !== null ? resolve() : holder!.once('exit', () => resolve())));

      // Nothing is left "running", and the next sync resumes the run and completes it.
      const again = await env.sync({ batchSize: 100, concurrency: 4 });
      expect(again.runId).toBe(run.runId);
      expect(again.status).toBe('completed');
      expect(again.counts).toMatchObject({ clients: 3000, created: 3000, failed: 0 });
      const members = (await env.members()).filter((m) => m.email_address.startsWith('client'));
      expect(members).toHaveLength(3000);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 150_000);
});

import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimRun, getRun } from '../../main/runs/run-store.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

let app: TempApp;
let importId: number;
beforeEach(() => {
  app = createTempApp('barsy-claim-');
  importId = Number(
    app.ctx.db
      .prepare(
        `INSERT INTO imports (file_name, file_path, file_size, sha256, encoding, delimiter, column_mapping, rows, client_count, representative_count, duplicates, created_at)
         VALUES ('a.csv', '/tmp/a.csv', 0, 'x', 'utf8', ';', '[]', 0, 0, 0, 0, ?)`,
      )
      .run(new Date().toISOString()).lastInsertRowid,
  );
});
afterEach(async () => app.cleanup());

const request = () => ({ listId: 'L1', importId, dryRun: false, removalPolicy: 'leave' as const, active: new Set<number>() });

/** A row left `running` by some process, as another process's claim looks in the database. */
function foreignClaim(pid: number, heartbeatAgoMs: number, startedAt = new Date()): number {
  return Number(
    app.ctx.db
      .prepare(
        `INSERT INTO sync_runs (list_id, audience_name, import_id, dry_run, status, removal_policy, started_at, pid, heartbeat_at)
         VALUES ('L1', '', ?, 0, 'running', 'leave', ?, ?, ?)`,
      )
      .run(importId, startedAt.toISOString(), pid, new Date(Date.now() - heartbeatAgoMs).toISOString()).lastInsertRowid,
  );
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('claiming the one running slot', () => {
  it('refuses while a live process holds it, naming the run and when it started', () => {
    // The parent of this test runner is alive; its claim has a fresh heartbeat.
    const held = foreignClaim(process.ppid, 1_000, new Date(2026, 11, 7, 7, 5));
    expect(() => claimRun(app.ctx.db, request())).toThrow(expect.objectContaining({ appError: { code: 'run_already_running', params: { runId: held, startedAt: '07:05' } } }));
    expect(app.ctx.db.prepare('SELECT COUNT(*) AS n FROM sync_runs').get()).toEqual({ n: 1 });
  });

  it('takes over a claim whose process is gone by resuming that run', () => {
    const orphan = foreignClaim(deadPid(), 1_000);
    const runId = claimRun(app.ctx.db, { ...request(), automatic: true });
    expect(runId).toBe(orphan);
    expect(getRun(app.ctx.db, runId)).toMatchObject({ status: 'running', pid: process.pid, starts: 2 });
    expect(app.ctx.db.prepare('SELECT automatic FROM sync_runs WHERE id = ?').get(runId)).toEqual({ automatic: 1 });
  });

  it('takes over a claim whose heartbeat is too old, even if its pid is alive again (another program)', () => {
    const silent = foreignClaim(process.ppid, 10 * 60_000);
    expect(claimRun(app.ctx.db, request())).toBe(silent);
  });

  it('the database itself refuses a second running run (unique partial index)', () => {
    foreignClaim(process.ppid, 0);
    expect(() => foreignClaim(process.ppid, 0)).toThrow(/UNIQUE constraint failed/);
  });

  it('a dry run never resumes, and a finished slot can be claimed again', () => {
    const first = claimRun(app.ctx.db, { ...request(), dryRun: true });
    app.ctx.db.prepare("UPDATE sync_runs SET status = 'completed' WHERE id = ?").run(first);
    const second = claimRun(app.ctx.db, request());
    expect(second).toBe(first + 1);
    expect(app.ctx.db.prepare('SELECT automatic FROM sync_runs WHERE id = ?').get(second)).toEqual({ automatic: 0 });
  });
});

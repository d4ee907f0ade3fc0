import type { Db } from '../db/open-database.js';
import { AppFailure, appErrorSchema, type AppError } from '../../shared/domain/app-error.js';
import type { EligibilityReason } from '../../shared/domain/client.js';
import type { MemberStatus, Outcome, RemovalPolicy, RunStatus } from '../../shared/domain/sync.js';
import type { Shortened } from '../mapping/desired-state.js';

/** What the plan decided for a client; `resubscribe` = update that also sets `subscribed` (transactional, archived). */
export type ItemAction = 'create' | 'update' | 'resubscribe' | 'unchanged' | 'kept' | 'skip' | 'fail';

/** One client's row as the engine writes it. */
export type ItemRow = {
  clientId: number;
  line: number;
  name: string;
  email: string;
  hash: string | null;
  group: string;
  action: ItemAction;
  outcome: Outcome | null;
  reason: EligibilityReason | null;
  memberStatus: MemberStatus | null;
  error: AppError | null;
  shortened: Shortened[];
};

/** A settled result for one client. */
export type ItemResult = {
  clientId: number;
  outcome: Outcome;
  memberStatus?: MemberStatus | null;
  error?: AppError | null;
};

export type RunRow = {
  id: number;
  list_id: string;
  audience_name: string;
  import_id: number;
  dry_run: number;
  status: RunStatus;
  removal_policy: RemovalPolicy;
  started_at: string;
  finished_at: string | null;
  duration_ms: number;
  requests: number;
  error: string | null;
  pid: number | null;
  heartbeat_at: string | null;
  starts: number;
  plan_key: string | null;
  mirror_version: number | null;
  /** The run whose rows this run shows (it took over that run's plan; migration 070), or null: its own. */
  items_run_id: number | null;
  /** A finished run's stored counts (JSON, see run-counts.ts). */
  item_counts: string | null;
  /** The marketing permission the run granted to members it created (migration 050), if one was mapped. */
  permission_text: string | null;
};

const now = () => new Date().toISOString();

/** Parses a stored AppError (JSON), tolerating rows written by an older version. */
export function parseAppError(text: string | null): AppError | null {
  if (!text) return null;
  try {
    const parsed = appErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { code: 'internal', params: {} };
  } catch {
    return { code: 'internal', params: {} };
  }
}

/** Creates a run row owned by this process. */
export function createRun(db: Db, r: { listId: string; audienceName: string; importId: number; dryRun: boolean; removalPolicy: RemovalPolicy }): number {
  const info = db
    .prepare(
      `INSERT INTO sync_runs (list_id, audience_name, import_id, dry_run, status, removal_policy, started_at, pid, heartbeat_at)
       VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
    )
    .run(r.listId, r.audienceName, r.importId, r.dryRun ? 1 : 0, r.removalPolicy, now(), process.pid, now());
  return Number(info.lastInsertRowid);
}

/** Takes over an interrupted or cancelled run for this process (its stored counts go: its rows change again). */
export function reopenRun(db: Db, runId: number): void {
  db.prepare(
    `UPDATE sync_runs SET status = 'running', finished_at = NULL, error = NULL, pid = ?, heartbeat_at = ?, starts = starts + 1, item_counts = NULL WHERE id = ?`,
  ).run(process.pid, now(), runId);
}

export function getRun(db: Db, runId: number): RunRow | undefined {
  return db.prepare<[number], RunRow>('SELECT * FROM sync_runs WHERE id = ?').get(runId);
}

/** Shows the run's owner is alive (see `isStale`). */
export function heartbeat(db: Db, runId: number): void {
  db.prepare('UPDATE sync_runs SET heartbeat_at = ? WHERE id = ?').run(now(), runId);
}

/** Sets the audience name once preflight has read it. */
export function setAudienceName(db: Db, runId: number, name: string): void {
  db.prepare('UPDATE sync_runs SET audience_name = ? WHERE id = ?').run(name, runId);
}

/** Ends (or pauses) a run: status, error, and the active time (and any requests not yet added) of this start. */
export function finishRun(db: Db, runId: number, f: { status: RunStatus; error?: AppError | null; activeMs: number; requests?: number }): void {
  db.prepare(
    `UPDATE sync_runs SET status = ?, error = ?, finished_at = ?, duration_ms = duration_ms + ?, requests = requests + ?, heartbeat_at = ?
     WHERE id = ?`,
  ).run(f.status, f.error ? JSON.stringify(f.error) : null, now(), Math.round(f.activeMs), f.requests ?? 0, now(), runId);
}

/** Adds requests made so far (kept current during a run, so a killed run still counts them). */
export function addRequests(db: Db, runId: number, requests: number): void {
  if (requests > 0) db.prepare('UPDATE sync_runs SET requests = requests + ? WHERE id = ?').run(requests, runId);
}

const HEARTBEAT_STALE_MS = 30_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks `running` runs whose owner is gone (killed, crashed, or this process without the run in memory)
 * as `interrupted`, so they can be resumed. `active` = ids this process is running right now.
 */
export function recoverStaleRuns(db: Db, active: ReadonlySet<number>): void {
  const rows = db.prepare<[], Pick<RunRow, 'id' | 'pid' | 'heartbeat_at'>>("SELECT id, pid, heartbeat_at FROM sync_runs WHERE status = 'running'").all();
  for (const r of rows) {
    if (active.has(r.id)) continue;
    const mine = r.pid === process.pid;
    const stale = !r.heartbeat_at || Date.now() - Date.parse(r.heartbeat_at) > HEARTBEAT_STALE_MS;
    if (mine || r.pid === null || !processAlive(r.pid) || stale) {
      db.prepare("UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'").run(now(), r.id);
    }
  }
}

/** The latest real run of this audience, if it was interrupted or cancelled on the same import (resume candidate). */
export function findResumable(db: Db, listId: string, importId: number): number | undefined {
  const row = db
    .prepare<[string], Pick<RunRow, 'id' | 'status' | 'import_id' | 'dry_run'>>(
      'SELECT id, status, import_id, dry_run FROM sync_runs WHERE list_id = ? AND dry_run = 0 ORDER BY id DESC LIMIT 1',
    )
    .get(listId);
  if (!row || row.import_id !== importId) return undefined;
  return row.status === 'interrupted' || row.status === 'cancelled' ? row.id : undefined;
}

/** Runs that can be taken up again (a failed one too: fix the mapping, then resume). */
const RESUMABLE: ReadonlySet<string> = new Set(['interrupted', 'cancelled', 'failed']);

/** Whether a run is one that can be taken up again (starting it also needs the same audience and import). */
export function isResumableRun(run: Pick<RunRow, 'dry_run' | 'status'>): boolean {
  return run.dry_run === 0 && RESUMABLE.has(run.status);
}

/** What a process needs to claim the database's one running slot. */
export type ClaimRequest = {
  listId: string;
  importId: number;
  dryRun: boolean;
  removalPolicy: RemovalPolicy;
  /** Ids this process is running right now (never judged stale). */
  active: ReadonlySet<number>;
  /** Resume exactly this run; without it, an interrupted or cancelled run of the same import is resumed. */
  resumeRunId?: number;
  /** Started by the schedule or the watched folder, not by a person. */
  automatic?: boolean;
};

/** `HH:MM` local time of a stored ISO time, for "a sync is already running (#N, started HH:MM)". */
function clockOf(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The failure that says which run holds the slot. */
function busy(db: Db): AppFailure {
  const row = db.prepare<[], { id: number; started_at: string }>("SELECT id, started_at FROM sync_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1").get();
  return new AppFailure('run_already_running', row ? { runId: row.id, startedAt: clockOf(row.started_at) } : { runId: 0, startedAt: '' });
}

/**
 * Claims the one running slot of the database, atomically across processes: one `BEGIN IMMEDIATE`
 * transaction (a second process waits for the write lock, then sees this claim) settles stale claims
 * (their process is gone or its heartbeat is too old), refuses while a live run holds the slot
 * (`run_already_running` with its number and start time), then resumes the run to take over or creates
 * a new one. The unique partial index of migration 061 backs this up: two running rows cannot exist.
 */
export function claimRun(db: Db, r: ClaimRequest): number {
  const claim = db.transaction((): number => {
    recoverStaleRuns(db, r.active);
    if (db.prepare("SELECT 1 FROM sync_runs WHERE status = 'running'").get()) throw busy(db);
    let runId: number | undefined;
    const candidate = r.dryRun ? undefined : (r.resumeRunId ?? findResumable(db, r.listId, r.importId));
    if (candidate !== undefined) {
      const run = getRun(db, candidate);
      if (!run) throw new AppFailure('run_not_found', { runId: candidate });
      const resumable = isResumableRun(run) && run.list_id === r.listId && run.import_id === r.importId;
      if (resumable) {
        reopenRun(db, candidate);
        runId = candidate;
      } else if (r.resumeRunId !== undefined) throw new AppFailure('run_not_resumable', { runId: candidate, status: run.status });
    }
    runId ??= createRun(db, { listId: r.listId, audienceName: '', importId: r.importId, dryRun: r.dryRun, removalPolicy: r.removalPolicy });
    if (r.automatic) db.prepare('UPDATE sync_runs SET automatic = 1 WHERE id = ?').run(runId);
    return runId;
  });
  try {
    return claim.immediate();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw busy(db);
    throw err;
  }
}

const PLAN_COLUMNS = 'run_id, client_id, line, name, email, email_hash, group_name, action, state, outcome, reason, member_status, error, shortened';
/** Rows per INSERT statement: one statement for many rows is several times faster than one per row. */
const PLAN_CHUNK = 50;

/** Writes the plan: one row per unsettled client (a resumed run replaces its unsettled rows; settled ones are never passed). */
export function writePlan(db: Db, runId: number, items: readonly ItemRow[]): void {
  const sql = (n: number) => `INSERT OR REPLACE INTO run_items (${PLAN_COLUMNS}) VALUES ${Array(n).fill('(?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`;
  const full = db.prepare(sql(PLAN_CHUNK));
  db.transaction(() => {
    for (let at = 0; at < items.length; at += PLAN_CHUNK) {
      const chunk = items.slice(at, at + PLAN_CHUNK);
      const params: unknown[] = [];
      for (const it of chunk) {
        params.push(
          runId, it.clientId, it.line, it.name, it.email, it.hash, it.group, it.action, it.outcome ? 'done' : 'planned', it.outcome, it.reason,
          it.memberStatus, it.error ? JSON.stringify(it.error) : null, it.shortened.length > 0 ? JSON.stringify(it.shortened) : '[]',
        );
      }
      (chunk.length === PLAN_CHUNK ? full : db.prepare(sql(chunk.length))).run(...params);
    }
  })();
}

/** Remembers what decided a completed run's plan and the mirror version it left (see `reusablePlan`). */
export function setPlanKey(db: Db, runId: number, planKey: string, mirrorVersion: number): void {
  db.prepare('UPDATE sync_runs SET plan_key = ?, mirror_version = ? WHERE id = ?').run(planKey, mirrorVersion, runId);
}

/** Client ids of a run that already have an outcome (a resumed run does not touch them again). */
export function settledClientIds(db: Db, runId: number): Set<number> {
  const rows = db.prepare<[number], { client_id: number }>('SELECT client_id FROM run_items WHERE run_id = ? AND outcome IS NOT NULL').all(runId);
  return new Set(rows.map((r) => r.client_id));
}

/** Rows of a run that were sent but never settled (a kill landed while their batch was in flight). */
export function inFlightActions(db: Db, runId: number): Map<number, ItemAction> {
  const rows = db
    .prepare<[number], { client_id: number; action: ItemAction }>("SELECT client_id, action FROM run_items WHERE run_id = ? AND state = 'sent' AND outcome IS NULL")
    .all(runId);
  return new Map(rows.map((r) => [r.client_id, r.action]));
}

/** Prepared writers used inside the engine's per-batch transactions. */
export function itemWriters(db: Db, runId: number) {
  const sent = db.prepare("UPDATE run_items SET state = 'sent', attempts = attempts + 1 WHERE run_id = ? AND client_id IN (SELECT value FROM json_each(?))");
  const settle = db.prepare(
    "UPDATE run_items SET state = 'done', outcome = ?, member_status = ?, error = ? WHERE run_id = ? AND client_id = ? AND outcome IS NULL",
  );
  const removal = db.prepare('UPDATE run_items SET removal = ? WHERE run_id = ? AND client_id = ?');
  const settleSet = db.prepare(
    "UPDATE run_items SET state = 'done', outcome = ? WHERE run_id = ? AND outcome IS NULL AND client_id IN (SELECT value FROM json_each(?))",
  );
  return {
    /** Marks a batch's rows as in flight (one statement). */
    markSent: (clientIds: readonly number[]) => sent.run(runId, JSON.stringify(clientIds)),
    settle: (r: ItemResult) => settle.run(r.outcome, r.memberStatus ?? null, r.error ? JSON.stringify(r.error) : null, runId, r.clientId),
    /** Settles many results: plain outcomes one statement per outcome, the rest (status, error) row by row. */
    settleMany(results: readonly ItemResult[]): void {
      const plain = new Map<string, number[]>();
      for (const r of results) {
        if (r.memberStatus || r.error) settle.run(r.outcome, r.memberStatus ?? null, r.error ? JSON.stringify(r.error) : null, runId, r.clientId);
        else {
          const ids = plain.get(r.outcome);
          if (ids) ids.push(r.clientId);
          else plain.set(r.outcome, [r.clientId]);
        }
      }
      for (const [outcome, ids] of plain) settleSet.run(outcome, runId, JSON.stringify(ids));
    },
    setRemoval: (clientId: number, what: 'unsubscribed' | 'archived') => removal.run(what, runId, clientId),
  };
}
export type ItemWriters = ReturnType<typeof itemWriters>;

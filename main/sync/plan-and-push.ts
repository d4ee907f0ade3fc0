import type { AppContext } from '../context/app-context.js';
import type { SyncCounts, SyncPhase } from '../../shared/domain/sync.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { untilCancelled } from './cancel.js';
import { countRunItems } from '../runs/load-run.js';
import type { MirrorStore } from './mirror-store.js';
import { createPlanner, outcomeOfWrite, type PlannedRemoval } from './plan.js';
import { clientCount, clientPages, type Prepared } from './prepare.js';
import { isWriteAction, startPush, type PushJob, type WriteDeps } from './push.js';
import { doneRemovals, writeRemovalPlan } from './removals.js';
import { dropTakenOverPlan, reusablePlan, takeOverPlan } from '../runs/plan-reuse.js';
import { runCounts } from '../runs/run-counts.js';
import { getRun, inFlightActions, itemWriters, settledClientIds, writePlan } from '../runs/run-store.js';
import type { SyncOptions } from './sync-options.js';
import type { Congestion } from './congestion.js';

/** Requests in flight by default (`sync.maxConnections`): half of Mailchimp's 10 per account, the rest for the shop's other tools. */
export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Clients planned (and, in a real run, handed to the pusher) at a time, so pushing starts early. */
const PLAN_CHUNK = 5_000;
/** Jobs queued in the pusher at most before planning waits (dozens of batches: every connection stays busy). */
const MAX_QUEUED = 20_000;

export type StepContext = {
  ctx: AppContext;
  api: MailchimpApi;
  runId: number;
  importId: number;
  prepared: Prepared;
  mirror: MirrorStore;
  opts: SyncOptions;
  signal: AbortSignal;
  counts: SyncCounts;
  report: (phase: SyncPhase) => void;
  onLastChanged: (iso: string) => void;
  /** The run's share of the account's connections (halved on 429s). */
  congestion?: Congestion;
};

/**
 * Plans the run and pushes it, a chunk of clients at a time: batches of the first chunk go out while
 * the next chunks are planned (every row is stored before its batch leaves). When the import, the
 * mappings, the settings and the audience's fields/groups are those of the last completed run and
 * Mailchimp reported no change since, that run's plan is taken over in SQL instead, everything it wrote
 * now unchanged, without copying a row (see `takeOverPlan`). Members found unchanged by comparing
 * data are recorded as confirmed, so the next plan takes the fast path, and as synced (the removal
 * policy applies to them). Resolves with the removals to apply and whether anything was written.
 */
export async function planAndPush(s: StepContext): Promise<{ removals: PlannedRemoval[]; wrote: boolean }> {
  const { ctx, runId, prepared, mirror, opts } = s;
  const { db } = ctx;
  const run = getRun(db, runId);
  const resumed = (run?.starts ?? 1) > 1;
  if (resumed && run?.items_run_id != null) dropTakenOverPlan(db, runId);
  const reuse = resumed ? undefined : reusablePlan(db, prepared.structure.audience.id, prepared.planKey, mirror.version());
  if (reuse !== undefined) {
    takeOverPlan(db, reuse, runId);
    Object.assign(s.counts, runCounts(db, getRun(db, runId)!).counts);
    return { removals: [], wrote: false };
  }
  const planner = createPlanner({
    rules: prepared.rules,
    eligibility: prepared.eligibility,
    mirror,
    policy: prepared.policy,
    settled: settledClientIds(db, runId),
    inFlight: inFlightActions(db, runId),
    removed: doneRemovals(db, runId),
  });
  Object.assign(s.counts, countRunItems(db, runId, { settledOnly: true }), { clients: clientCount(ctx, s.importId) });
  if (!opts.dryRun) await opts.beforePush?.();
  // Jobs handed to the pusher and not settled yet: planning waits while too many are queued, so a plan
  // faster than Mailchimp never holds every member's data in memory.
  let queued = 0;
  let wake: () => void = () => undefined;
  const pusher = opts.dryRun ? null : startPush({ ...writeDeps(s), maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, onSettled: (outcomes) => {
    for (const o of outcomes) s.counts[o] += 1;
    queued -= outcomes.length;
    if (queued <= MAX_QUEUED) wake();
    s.report('pushing');
  }, onLastChanged: s.onLastChanged });
  let pushStopped = false;
  void pusher?.done.catch(() => undefined).finally(() => {
    pushStopped = true;
    wake();
  });
  s.signal.addEventListener('abort', () => wake(), { once: true });
  let wrote = false;
  for (const clients of clientPages(ctx, s.importId, PLAN_CHUNK)) {
    if (s.signal.aborted) break;
    const items = planner.plan(clients);
    writePlan(db, runId, opts.dryRun ? items.map((it) => (isWriteAction(it.action) ? { ...it, outcome: outcomeOfWrite(it.action) } : it)) : items);
    if (!opts.dryRun) {
      db.transaction(() => {
        for (const it of items) {
          if (it.confirm && it.hash) mirror.setState(it.hash, it.email.trim(), { synced: true, forgotten: false, confirmedKey: it.confirm.key, confirmedLastChanged: it.confirm.lastChanged }, runId);
        }
      })();
    }
    const jobs: PushJob[] = [];
    for (const it of items) {
      if (it.action !== 'skip') s.counts.eligible += 1;
      if (it.outcome) s.counts[it.outcome] += 1;
      else if (opts.dryRun && isWriteAction(it.action)) s.counts[outcomeOfWrite(it.action)] += 1;
      if (it.desired && isWriteAction(it.action)) jobs.push({ clientId: it.clientId, desired: it.desired, action: it.action, attempts: 0 });
    }
    if (pusher && jobs.length > 0) {
      queued += jobs.length;
      pusher.add(jobs);
      wrote = true;
    }
    s.report(pusher ? 'pushing' : 'planning');
    // Let answers that arrived meanwhile be recorded and free their connections for the next batches.
    await new Promise((r) => setImmediate(r));
    while (queued > MAX_QUEUED && !pushStopped && !s.signal.aborted) await new Promise<void>((r) => (wake = r));
  }
  const { removals } = planner.finish();
  writeRemovalPlan(db, runId, removals);
  if (pusher) {
    pusher.end();
    await untilCancelled(pusher.done, s.signal);
  }
  return { removals, wrote: wrote || removals.length > 0 };
}

/** The parts of a run every writing step shares. */
export function writeDeps(s: StepContext): WriteDeps {
  return {
    api: s.api,
    db: s.ctx.db,
    listId: s.prepared.structure.audience.id,
    runId: s.runId,
    mirror: s.mirror,
    writers: itemWriters(s.ctx.db, s.runId),
    signal: s.signal,
    concurrency: s.opts.concurrency ?? DEFAULT_CONCURRENCY,
    ...(s.congestion ? { congestion: s.congestion } : {}),
    batchSize: s.opts.batchSize ?? DEFAULT_BATCH_SIZE,
  };
}


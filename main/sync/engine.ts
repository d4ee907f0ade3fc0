import type { SyncOptions } from './sync-options.js';
import type { AppContext } from '../context/app-context.js';
import { AppFailure, type AppError } from '../../shared/domain/app-error.js';
import type { RunStatus, RunSummary, SyncCounts, SyncPhase } from '../../shared/domain/sync.js';
import { toAppError } from '../context/to-app-error.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { settingsPointAtDemo } from '../mailchimp/demo-simulator.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError } from '../mailchimp/mailchimp-error.js';
import { errorDisposition } from '../mailchimp/retry-policy.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import { untilCancelled } from './cancel.js';
import { attachCongestion } from './congestion.js';
import { requireImportId } from '../import/current-import.js';
import { countRunItems, loadRunSummary } from '../runs/load-run.js';
import { mirrorStore } from './mirror-store.js';
import { DEFAULT_CONCURRENCY, planAndPush, writeDeps, type StepContext } from './plan-and-push.js';
import { syncSettings } from '../mapping/sync-settings.js';
import { prepareSync } from './prepare.js';
import { createProgressReporter } from './progress.js';
import { FatalPushError } from './push.js';
import { RunInterrupted } from './push-failure.js';
import { recordMailchimpChanges } from './mailchimp-changes.js';
import { laterIso, nextCursor, readAudience, settleCursor, type MailchimpChange } from './read-audience.js';
import { grantPermissions } from './permissions.js';
import { applyRemovals } from './removals.js';
import { settleSummary } from './settle-run.js';
import { storageErrorOf } from './storage-error.js';
import { withBusyTimeout } from '../db/busy-timeout.js';
import { activeIds, activeRuns } from '../runs/run-registry.js';
import { addRequests, claimRun, heartbeat, setAudienceName, setPlanKey } from '../runs/run-store.js';

/** How a run that threw ends: `interrupted` (an outage, the database busy or full: resumable, nothing lost) or `failed`. */
function endOf(err: unknown, ctx: AppContext): { status: 'failed' | 'interrupted'; error: AppError } {
  if (err instanceof RunInterrupted) return { status: 'interrupted', error: err.appError };
  const storage = storageErrorOf(err);
  if (storage) {
    ctx.logger.error('sync stopped: the database refused a write', err instanceof Error ? { message: err.message } : err);
    return { status: 'interrupted', error: storage };
  }
  if (err instanceof FatalPushError) return { status: 'failed', error: err.appError };
  // Mailchimp or the network down while reading (preflight, the final status reads): resumable, like an outage mid-push.
  if (isMailchimpError(err)) return { status: errorDisposition(err.kind) === 'retry' ? 'interrupted' : 'failed', error: mailchimpErrorToAppError(err) };
  return { status: 'failed', error: toAppError(err, ctx, 'sync') };
}

/** How long a heartbeat waits for another process's write lock, ms (a write of the run itself waits 5 s). */
const HEARTBEAT_BUSY_MS = 100;

/** Requests a run keeps in flight at most (`sync.maxConnections`, 1–10; default 5). */
function maxConnections(ctx: Pick<AppContext, 'settings'>): number {
  const n = Number(ctx.settings.get('sync.maxConnections'));
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : DEFAULT_CONCURRENCY;
}

/**
 * Starts (or resumes) a sync run and returns at once with its id; the run goes on in the background and
 * `done` resolves with its summary. Fails fast (AppFailure) when the run cannot start at all: Mailchimp
 * not configured, report email missing for a real run, nothing imported, another run going on.
 */
export async function startSync(ctx: AppContext, opts: SyncOptions): Promise<{ runId: number; done: Promise<RunSummary> }> {
  const listId = ctx.settings.get('mailchimp.listId');
  if (!listId) throw new AppFailure('mailchimp_not_configured');
  // Demo mode (settings pointing at the built-in simulator) needs no report address, as in the app's "try it" path.
  const demo = opts.demo ?? settingsPointAtDemo(ctx);
  if (!opts.dryRun && !demo && !ctx.settings.get('report.email')) throw new AppFailure('report_email_missing');
  const importId = requireImportId(ctx.db);
  const concurrency = opts.concurrency ?? maxConnections(ctx);
  const api = opts.api ?? (await createMailchimpClientFromSettings(ctx, { concurrency }));
  // Checking for another run and recording this one are one atomic step (see claimRun): never two runs.
  const runId = claimRun(ctx.db, {
    listId,
    importId,
    dryRun: opts.dryRun,
    removalPolicy: syncSettings(ctx).policy,
    active: activeIds(ctx),
    ...(opts.resumeRunId !== undefined ? { resumeRunId: opts.resumeRunId } : {}),
    automatic: opts.automatic === true,
  });

  const controller = new AbortController();
  const id = runId;
  const done = execute(ctx, api, { runId: id, listId, importId, opts: { ...opts, demo, concurrency }, signal: controller.signal });
  const disposer = async () => {
    controller.abort();
    await done.catch(() => undefined);
  };
  activeRuns(ctx).set(id, { runId: id, controller, done });
  ctx.disposers.push(disposer);
  void done.finally(() => {
    activeRuns(ctx).delete(id);
    const i = ctx.disposers.indexOf(disposer);
    if (i >= 0) ctx.disposers.splice(i, 1);
  });
  return { runId: id, done };
}

type RunArgs = { runId: number; listId: string; importId: number; opts: SyncOptions; signal: AbortSignal };

/**
 * The run itself: preflight → read → plan → push → removals → finish. Never rejects: whatever fails (a
 * Mailchimp outage, the database locked or full, a bug) ends the run `failed` or `interrupted` with a
 * message, and the heartbeat stops with it.
 */
async function execute(ctx: AppContext, api: MailchimpApi, a: RunArgs): Promise<RunSummary> {
  const { db } = ctx;
  const { runId, listId, opts, signal } = a;
  const started = performance.now();
  let requestsSeen = api.requestCount();
  const flushRequests = () => {
    const n = api.requestCount();
    addRequests(db, runId, n - requestsSeen);
    requestsSeen = n;
  };
  const beat = setInterval(() => {
    try {
      // A short busy wait: a heartbeat that waited the usual 5 s twice in a row could sit out a whole lock
      // of another process, frozen, and the run would go on as if nothing happened (seen under load).
      withBusyTimeout(db, HEARTBEAT_BUSY_MS, () => {
        heartbeat(db, runId);
        flushRequests();
      });
    } catch {
      // The database is busy or full: the step that next writes meets the same error and ends the run.
    }
  }, 2_000);
  beat.unref();
  // The account's connections are shared: every 429 of the run (reads too) halves its share.
  const congestion = attachCongestion(api, opts.concurrency ?? DEFAULT_CONCURRENCY);
  // Stops the writing steps when one of them fails (a push still launching batches must not outlive its run).
  const halt = new AbortController();
  const stepSignal = AbortSignal.any([signal, halt.signal]);
  const progress = createProgressReporter(runId, (p) => ctx.events.emit('sync:progress', p));
  const counts: SyncCounts = countRunItems(db, runId);
  const done = () => counts.skipped + counts.created + counts.updated + counts.unchanged + counts.keptStatus + counts.failed;
  const report = (phase: SyncPhase, current = done(), total = counts.clients) => progress.update({ phase, done: current, total, counts });

  // Cancelling is an outcome of the steps, not an error: they return 'cancelled' when the signal aborts.
  const steps = async (): Promise<'completed' | 'cancelled'> => {
    report('preflight');
    const mirror = mirrorStore(db, listId);
    const oldCursor = mirror.cursor().since;
    // Reading members only reads, so it starts together with the preflight checks (one round trip less).
    let preflightDone = false;
    const onChange = (changes: MailchimpChange[]) => recordMailchimpChanges(db, runId, changes);
    const reading = readAudience(api, listId, mirror, { full: opts.fullRead === true, onPage: (n) => preflightDone && report('reading', n, 0), onChange });
    reading.catch(() => undefined);
    const prepared = await prepareSync(ctx, api, listId, a.importId);
    setAudienceName(db, runId, prepared.structure.audience.name);
    preflightDone = true;
    report('reading', 0, 0);
    const read = await untilCancelled(reading, signal);
    if (signal.aborted || !read) return 'cancelled';
    // Status changes made while we write are read later "since" where this run's read started.
    const baseline = read.full ? read.newest : oldCursor;

    report('planning', 0, 0);
    // The newest last_changed Mailchimp has shown us (its clock, not ours): the next read starts there.
    let newest = read.newest;
    const step: StepContext = {
      ctx, api, runId, importId: a.importId, prepared, mirror, opts, signal: stepSignal, counts, congestion, report: (phase) => report(phase),
      onLastChanged: (iso) => (newest = laterIso(newest, iso)),
    };
    const { removals, wrote } = await planAndPush(step);
    if (!opts.dryRun && !signal.aborted && prepared.permission) {
      report('pushing');
      await untilCancelled(grantPermissions(writeDeps(step), prepared.permission), signal);
    }
    if (!opts.dryRun && !signal.aborted && removals.length > 0) {
      let removed = 0;
      report('removing', 0, removals.length);
      await untilCancelled(applyRemovals({ ...writeDeps(step), onDone: () => report('removing', ++removed, removals.length) }, removals), signal);
    }
    if (signal.aborted) return 'cancelled';
    report('finishing');
    await settleCursor(api, listId, mirror, { baseline, wrote: !opts.dryRun && wrote, onChange });
    mirror.setCursor(laterIso(oldCursor, nextCursor(newest)), read.full);
    setPlanKey(db, runId, prepared.planKey, mirror.version());
    return 'completed';
  };

  let status: RunStatus = 'completed';
  let error: AppError | null = null;
  try {
    status = await steps();
  } catch (err) {
    halt.abort();
    if (signal.aborted) status = 'cancelled';
    else ({ status, error } = endOf(err, ctx));
  } finally {
    clearInterval(beat);
    congestion.detach();
  }

  const summary = await settleSummary(ctx, {
    runId, status, error, activeMs: performance.now() - started, flushRequests,
    known: { listId, importId: a.importId, dryRun: opts.dryRun, counts },
  });
  Object.assign(counts, summary.counts);
  report('done');
  progress.flush();
  progress.close();
  ctx.events.emit('sync:finished', summary);
  try {
    // The report email (main/report/, wired by the composition root) is awaited so the CLI exits after it.
    await ctx.hooks.afterRun?.(ctx, summary, { demo: opts.demo === true });
    return loadRunSummary(db, runId);
  } catch (err) {
    ctx.logger.error(`after run ${runId}`, err instanceof Error ? { message: err.message } : err);
    return summary;
  }
}

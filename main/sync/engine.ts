import type { SyncOptions } from './sync-options.js';
import type { AppContext } from '../context/app-context.js';
import { AppFailure, type AppError } from '../../shared/domain/app-error.js';
import type { RunSummary, SyncCounts, SyncPhase } from '../../shared/domain/sync.js';
import { toAppError } from '../context/to-app-error.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { settingsPointAtDemo } from '../mailchimp/demo-simulator.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError } from '../mailchimp/mailchimp-error.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import { untilCancelled } from './cancel.js';
import { requireImportId } from '../import/current-import.js';
import { countRunItems, loadRunSummary } from '../runs/load-run.js';
import { mirrorStore } from './mirror-store.js';
import { DEFAULT_CONCURRENCY, planAndPush, writeDeps, type StepContext } from './plan-and-push.js';
import { syncSettings } from '../mapping/sync-settings.js';
import { prepareSync } from './prepare.js';
import { createProgressReporter } from './progress.js';
import { FatalPushError } from './push.js';
import { laterIso, nextCursor, readAudience, settleCursor } from './read-audience.js';
import { applyRemovals } from './removals.js';
import { activeIds, activeRuns } from '../runs/run-registry.js';
import {
  addRequests,
  createRun,
  finishRun,
  findResumable,
  getRun,
  heartbeat,
  reopenRun,
  runningElsewhere,
  setAudienceName,
  setPlanKey,
} from '../runs/run-store.js';


/** Runs that can be taken up again (a failed one too: fix the mapping, then resume). */
const RESUMABLE: ReadonlySet<string> = new Set(['interrupted', 'cancelled', 'failed']);

function failureOf(err: unknown, ctx: AppContext): AppError {
  if (err instanceof FatalPushError) return err.appError;
  if (isMailchimpError(err)) return mailchimpErrorToAppError(err);
  return toAppError(err, ctx, 'sync');
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
  const other = runningElsewhere(ctx.db, activeIds(ctx));
  if (other !== undefined || activeRuns(ctx).size > 0) throw new AppFailure('run_already_running', { runId: other ?? [...activeRuns(ctx).keys()][0]! });
  const api = opts.api ?? (await createMailchimpClientFromSettings(ctx, { concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY }));

  let runId: number | undefined;
  const candidate = opts.dryRun ? undefined : (opts.resumeRunId ?? findResumable(ctx.db, listId, importId));
  if (candidate !== undefined) {
    const run = getRun(ctx.db, candidate);
    if (!run) throw new AppFailure('run_not_found', { runId: candidate });
    const resumable = run.dry_run === 0 && RESUMABLE.has(run.status) && run.list_id === listId && run.import_id === importId;
    if (resumable) {
      reopenRun(ctx.db, candidate);
      runId = candidate;
    } else if (opts.resumeRunId !== undefined) throw new AppFailure('run_not_resumable', { runId: candidate, status: run.status });
  }
  runId ??= createRun(ctx.db, { listId, audienceName: '', importId, dryRun: opts.dryRun, removalPolicy: syncSettings(ctx).policy });

  const controller = new AbortController();
  const id = runId;
  const done = execute(ctx, api, { runId: id, listId, importId, opts: { ...opts, demo }, signal: controller.signal });
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

/** The run itself: preflight → read → plan → push → removals → finish. Never rejects. */
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
    heartbeat(db, runId);
    flushRequests();
  }, 2_000);
  beat.unref();
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
    const reading = readAudience(api, listId, mirror, { full: opts.fullRead === true, onPage: (n) => preflightDone && report('reading', n, 0) });
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
    // The newest last_changed Mailchimp has shown us (its clock, not ours): the next read starts after it.
    let newest = read.newest;
    const step: StepContext = {
      ctx, api, runId, importId: a.importId, prepared, mirror, opts, signal, counts, report: (phase) => report(phase),
      onLastChanged: (iso) => (newest = laterIso(newest, iso)),
    };
    const { removals, wrote } = await planAndPush(step);
    if (!opts.dryRun && !signal.aborted && removals.length > 0) {
      let removed = 0;
      report('removing', 0, removals.length);
      await untilCancelled(applyRemovals({ ...writeDeps(step), onDone: () => report('removing', ++removed, removals.length) }, removals), signal);
    }
    if (signal.aborted) return 'cancelled';
    report('finishing');
    await settleCursor(api, listId, mirror, { newest, baseline, wrote: !opts.dryRun && wrote });
    mirror.setCursor(laterIso(oldCursor, nextCursor(newest)), read.full);
    setPlanKey(db, runId, prepared.planKey, mirror.version());
    return 'completed';
  };

  let status: 'completed' | 'failed' | 'cancelled' = 'completed';
  let error: AppError | null = null;
  try {
    status = await steps();
  } catch (err) {
    if (signal.aborted) status = 'cancelled';
    else {
      status = 'failed';
      error = failureOf(err, ctx);
    }
  } finally {
    clearInterval(beat);
  }

  flushRequests();
  finishRun(db, runId, { status, error, activeMs: performance.now() - started });
  Object.assign(counts, countRunItems(db, runId));
  report('done');
  progress.flush();
  progress.close();
  const summary = loadRunSummary(db, runId);
  ctx.events.emit('sync:finished', summary);
  // The report email (main/report/, wired by the composition root) is awaited so the CLI exits after it.
  await ctx.hooks.afterRun?.(ctx, summary, { demo: opts.demo === true });
  return loadRunSummary(db, runId);
}

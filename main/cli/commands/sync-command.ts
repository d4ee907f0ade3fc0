import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { appError } from '../../../shared/domain/app-error.js';
import type { RunItem, RunSummary, SyncProgress } from '../../../shared/domain/sync.js';
import { formatItems, formatSummary, phaseLabel, summaryJson } from '../sync-format.js';
import { retryPendingReports } from '../../report/retry-pending-reports.js';
import { loadRunItems, loadRunSummary } from '../../runs/load-run.js';
import { cancelActiveRun, whenRunEnds } from '../../runs/run-registry.js';
import { CliExit, type CliRuntime } from '../cli-context.js';
import type { WatchResult } from '../../watch/watch-service.js';
import { watchJson, watchLine } from './watch-command.js';

type Open = (cmd: Command) => CliRuntime;

/** A progress bar on stderr (drawn only on a terminal, so pipes and `--json` output stay clean). */
function progressBar(rt: CliRuntime) {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {phase} |{bar}| {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: SyncProgress) {
      const payload = { phase: phaseLabel(p.phase, rt.lang).padEnd(10), rate: p.rate.toFixed(0) };
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, payload);
        started = true;
      }
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.done, payload);
    },
    stop: () => started && bar.stop(),
  };
}

/**
 * Starts a run through the dispatcher (as the app does), draws progress, turns Ctrl-C into a prompt
 * cancel, and resolves with the run's summary once it ended.
 */
export async function runSyncWithProgress(rt: CliRuntime, dryRun: boolean): Promise<RunSummary> {
  const bar = progressBar(rt);
  const off = rt.ctx.events.on('sync:progress', (p) => bar.update(p));
  let runId: number | undefined;
  const onSigint = () => {
    if (runId !== undefined) cancelActiveRun(rt.ctx, runId);
  };
  process.on('SIGINT', onSigint);
  try {
    runId = (await rt.call('sync:start', { dryRun })).runId;
    return (await whenRunEnds(rt.ctx, runId)) ?? loadRunSummary(rt.ctx.db, runId);
  } finally {
    process.off('SIGINT', onSigint);
    off();
    bar.stop();
  }
}

/** `sync --watch`: the job a schedule starts (new exports of the watched folder, else the current import), with its exit code. */
async function runScheduledJob(rt: CliRuntime, opts: { json?: boolean; quiet?: boolean }): Promise<void> {
  const result = await rt.call('watch:run', { watch: true });
  if (!opts.quiet) {
    for (const f of result.files) process.stdout.write(`${opts.json ? watchJson(f as WatchResult, rt.lang) : watchLine(f as WatchResult, rt.lang)}\n`);
    for (const runId of result.runIds) {
      const summary = loadRunSummary(rt.ctx.db, runId);
      process.stdout.write(`${opts.json ? JSON.stringify(summaryJson(summary)) : formatSummary(summary, rt.lang, false)}\n`);
    }
  }
  if (result.exitCode !== 0) throw new CliExit(result.error ?? appError('internal'), result.exitCode);
}

/** `barsy-sync sync [--dry-run] [--json] [--watch] [--quiet]`. */
export function registerSyncCommand(program: Command, open: Open): void {
  program
    .command('sync')
    .description('sync the eligible clients of the latest import into the Mailchimp audience (resumes an interrupted run)')
    .option('--dry-run', 'show the plan; write nothing to Mailchimp')
    .option('--json', 'print {runId, status, counts, requests, durationMs} as JSON')
    .option('--watch', 'first import and sync the new exports in the watched folder (what a schedule runs)')
    .option('--quiet', 'no summary on stdout; the exit code tells (0 done, 1 failed, 3 another sync running, 130 cancelled)')
    .action(async (opts: { dryRun?: boolean; json?: boolean; watch?: boolean; quiet?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      // A scheduled sync is often the only time the engine runs: re-send failed reports that are due,
      // alongside the run (never in its way); closing the runtime waits for it, so nothing is cut off.
      const retrying = retryPendingReports(rt.ctx);
      rt.ctx.disposers.push(async () => void (await retrying));
      if (opts.watch) return runScheduledJob(rt, opts);
      // Another process holds the run claim: one line and exit code 3, never a second run.
      const summary = await runSyncWithProgress(rt, opts.dryRun === true).catch((err: unknown) => {
        throw err instanceof CliExit && err.error.code === 'run_already_running' ? new CliExit(err.error, 3) : err;
      });
      if (opts.quiet) {
        // nothing on stdout: the exit code below tells
      } else if (opts.json) process.stdout.write(`${JSON.stringify(summaryJson(summary))}\n`);
      else {
        const items: RunItem[] = loadRunItems(rt.ctx.db, summary.runId).items;
        const shown = summary.dryRun ? (['created', 'updated', 'keptStatus', 'failed'] as const) : (['keptStatus', 'failed'] as const);
        process.stdout.write(`${formatSummary(summary, rt.lang, false)}\n`);
        const list = formatItems(items, shown, rt.lang, summary.dryRun);
        if (list) process.stdout.write(`${list}\n`);
      }
      if (summary.status === 'cancelled') throw new CliExit(appError('sync_cancelled', { runId: summary.runId }), 130);
      if (summary.status !== 'completed') throw new CliExit(summary.error ?? appError('internal'), 1);
    });
}

import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { appError } from '../../../shared/domain/app-error.js';
import type { RunItem, RunSummary, SyncProgress } from '../../../shared/domain/sync.js';
import { formatItems, formatSummary, phaseLabel, summaryJson } from '../sync-format.js';
import { retryPendingReports } from '../../report/retry-pending-reports.js';
import { loadRunItems, loadRunSummary } from '../../runs/load-run.js';
import { cancelActiveRun, whenRunEnds } from '../../runs/run-registry.js';
import { CliExit, type CliRuntime } from '../cli-context.js';

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

/** `barsy-sync sync [--dry-run] [--json]`. */
export function registerSyncCommand(program: Command, open: Open): void {
  program
    .command('sync')
    .description('sync the eligible clients of the latest import into the Mailchimp audience (resumes an interrupted run)')
    .option('--dry-run', 'show the plan; write nothing to Mailchimp')
    .option('--json', 'print {runId, status, counts, requests, durationMs} as JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      // A scheduled sync is often the only time the engine runs: re-send failed reports that are due,
      // alongside the run (never in its way); closing the runtime waits for it, so nothing is cut off.
      const retrying = retryPendingReports(rt.ctx);
      rt.ctx.disposers.push(async () => void (await retrying));
      const summary = await runSyncWithProgress(rt, opts.dryRun === true);
      if (opts.json) process.stdout.write(`${JSON.stringify(summaryJson(summary))}\n`);
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

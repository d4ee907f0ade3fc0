import type { Command } from 'commander';
import { writeOut } from '../closed-pipe.js';
import { statusLabel } from '../sync-format.js';
import type { CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;

/** `barsy-sync runs [--json]`: every run, newest first. */
export function registerRunsCommand(program: Command, open: Open): void {
  program
    .command('runs')
    .description('list sync runs, newest first')
    .option('--json', 'print the run summaries as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const runs = await rt.call('runs:list', {});
      if (opts.json) return void writeOut(`${JSON.stringify(runs)}\n`);
      writeOut('  run  status        started               secs  clients created updated unchanged kept failed skipped  requests\n');
      for (const r of runs) {
        const c = r.counts;
        const cols = [c.clients, c.created, c.updated, c.unchanged, c.keptStatus, c.failed, c.skipped].map((n, i) => String(n).padStart([7, 8, 8, 10, 5, 7, 8][i]!));
        const status = `${statusLabel(r.status, rt.lang)}${r.dryRun ? '*' : ''}`.padEnd(13);
        const secs = (((r.durationMs ?? 0) as number) / 1000).toFixed(1).padStart(5);
        writeOut(`${String(r.runId).padStart(5)}  ${status} ${r.startedAt.slice(0, 19).replace('T', ' ')}  ${secs}${cols.join('')}  ${String(r.requests).padStart(8)}\n`);
      }
      if (runs.some((r) => r.dryRun)) writeOut('  * dry run\n');
    });
}

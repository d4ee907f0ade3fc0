import type { Command } from 'commander';
import type { RunItem } from '../../../shared/domain/sync.js';
import { appError } from '../../../shared/domain/app-error.js';
import { t } from '../../../shared/i18n/translate.js';
import { writeOwnerOnlyFile } from '../../db/file-modes.js';
import { CliExit, type CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;
type ReportOpts = { json?: boolean; csv?: boolean; html?: boolean; text?: boolean; out?: string; resend?: boolean };

const PAGE = 1000;

function parseRunId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new CliExit(appError('run_not_found', { runId: text.slice(0, 40) }));
  return id;
}

/** Writes to `--out FILE` (0600: a report names every client) or stdout. */
function emit(content: string, out: string | undefined): void {
  if (out) writeOwnerOnlyFile(out, content);
  else process.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
}

/** `report RUN_ID --json`: the summary and every client's line, page by page through `runs:get`. */
async function runAsJson(rt: CliRuntime, runId: number): Promise<string> {
  const first = await rt.call('runs:get', { runId, offset: 0, limit: PAGE });
  const items: RunItem[] = [...first.items];
  while (items.length < first.total) {
    const page = await rt.call('runs:get', { runId, offset: items.length, limit: PAGE });
    if (page.items.length === 0) break;
    items.push(...page.items);
  }
  return JSON.stringify({ summary: first.summary, items });
}

/**
 * `barsy-sync report RUN_ID [--json|--csv|--html|--text] [--out FILE] [--resend]` and
 * `barsy-sync smtp test [--to ADDR]`, `barsy-sync smtp presets [--json]`.
 */
export function registerReportCommand(program: Command, open: Open): void {
  program
    .command('report <runId>')
    .description("print a run's report (text by default), or send its email again")
    .option('--json', 'print {summary, items} as JSON')
    .option('--csv', 'print the full per-client list as CSV (UTF-8 with BOM, ";"-separated)')
    .option('--html', 'print the HTML report')
    .option('--text', 'print the plain-text report (default)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--resend', 'email the report again now and print the email status')
    .action(async (runIdText: string, opts: ReportOpts, cmd: Command) => {
      const rt = open(cmd);
      const runId = parseRunId(runIdText);
      if (opts.resend) {
        const summary = await rt.call('report:resend', { runId });
        const status = summary.reportEmail;
        process.stdout.write(`${JSON.stringify({ runId, reportEmail: status })}\n`);
        if (status.error) throw new CliExit(status.error);
        return;
      }
      if (opts.json) return emit(await runAsJson(rt, runId), opts.out);
      const format = opts.csv ? 'csv' : opts.html ? 'html' : 'text';
      const file = await rt.call('report:export', { runId, format });
      emit(file.content, opts.out);
    });

  const smtp = program.command('smtp').description('email settings for the report');
  smtp
    .command('test')
    .description('send a test email with the saved smtp.* settings')
    .option('--to <address>', 'recipient (default: report.email, else the sender)')
    .action(async (opts: { to?: string }, cmd: Command) => {
      const rt = open(cmd);
      await rt.call('smtp:test', opts.to ? { to: opts.to } : {});
      const to = opts.to ?? rt.ctx.settings.get('report.email') ?? '';
      process.stdout.write(`${to ? t('smtp.testSent', { to }, rt.lang) : `${t('smtp.testSentTitle', {}, rt.lang)}.`}\n`);
    });
  smtp
    .command('presets')
    .description('list the known mail providers (use the id with: settings set smtp.service ID)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const presets = await rt.call('smtp:presets', {});
      if (opts.json) return void process.stdout.write(`${JSON.stringify(presets)}\n`);
      for (const p of presets) process.stdout.write(`${p.id.padEnd(12)} ${p.host}:${p.port} ${p.secure ? 'SSL/TLS' : 'STARTTLS'}  ${p.label}\n`);
    });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { samplePath } from '../../import/samples.js';
import { t, type MessageKey, type Params } from '../../../shared/i18n/translate.js';
import { formatSummary, summaryJson } from '../sync-format.js';
import { openCliRuntime, type CliRuntime } from '../cli-context.js';
import { runSyncWithProgress } from './sync-command.js';

/**
 * `barsy-sync demo [--json] [--keep]`: the whole job with no account and no set-up — a temporary
 * database, the built-in simulator, the sample export, automatic mapping, a sync, and the report.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole job on the sample export against the built-in Mailchimp simulator (no account needed)')
    .option('--json', 'print the run as JSON ({runId, status, counts, requests, durationMs})')
    .option('--keep', 'keep the temporary folder (database and simulator state) and print its path')
    .action(async (opts: { json?: boolean; keep?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<{ db?: string; lang?: string }>();
      const dir = global.db ? path.dirname(path.resolve(global.db)) : fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-demo-'));
      const rt: CliRuntime = openCliRuntime({ db: global.db ?? path.join(dir, 'barsy-sync.sqlite'), ...(global.lang ? { lang: global.lang } : {}) });
      const say = (line: string) => !opts.json && process.stdout.write(`${line}\n`);
      const w = (key: MessageKey, params: Params = {}) => t(key, params, rt.lang);
      try {
        // The report is written in the UI language: a fresh demo database follows the CLI's language.
        if (!global.db) rt.ctx.settings.set('ui.language', rt.lang);
        const demo = await rt.call('mailchimp:demo', {});
        say(w('cli.demoSimulator', { url: demo.baseUrl, account: demo.accountName, listId: demo.listId }));
        const imp = await rt.call('import:run', { path: samplePath('clients-cp1251.csv') });
        say(w('cli.demoImport', { file: imp.fileName, count: imp.clients, encoding: imp.encoding }));
        const auto = await rt.call('mapping:auto', {});
        say(w('groups.autoDone', { groups: auto.groupsMatched, fields: auto.fieldsMatched }));
        const summary = await runSyncWithProgress(rt, false);
        if (opts.json) process.stdout.write(`${JSON.stringify(summaryJson(summary))}\n`);
        else {
          say(formatSummary(summary, rt.lang));
          const report = await rt.dispatch('report:export', { runId: summary.runId, format: 'text' });
          if (report.ok) say(`\n${(report.value as { content: string }).content}`);
        }
        if (opts.keep || global.db) say(`${w('settings.dataFolder')}: ${dir}`);
      } finally {
        await rt.ctx.close();
        if (!opts.keep && !global.db) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}

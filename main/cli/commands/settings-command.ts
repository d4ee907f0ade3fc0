import type { Command } from 'commander';
import { settingKeySchema } from '../../../shared/domain/settings.js';
import { appError } from '../../../shared/domain/app-error.js';
import { CliExit, type CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;

/** `barsy-sync settings get|set|list`. Secrets are never printed, only whether they are set. */
export function registerSettingsCommand(program: Command, open: Open): void {
  const settings = program.command('settings').description('read and change settings');
  const keyOf = (key: string) => {
    const parsed = settingKeySchema.safeParse(key);
    if (!parsed.success) throw new CliExit(appError('setting_unknown', { key }));
    return parsed.data;
  };
  settings
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const view = await rt.call('settings:get', {});
      if (opts.json) return void process.stdout.write(`${JSON.stringify(view)}\n`);
      for (const [k, v] of Object.entries(view.values)) process.stdout.write(`${k}=${v}\n`);
      for (const [k, set] of Object.entries(view.secretsSet)) process.stdout.write(`${k}=${set ? '(set)' : '(not set)'}\n`);
      process.stdout.write(`# secrets: ${view.secretStorage}\n`);
    });
  settings
    .command('get <key>')
    .action(async (key: string, _opts: unknown, cmd: Command) => {
      const rt = open(cmd);
      const k = keyOf(key);
      const view = await rt.call('settings:get', {});
      if (k in view.secretsSet) process.stdout.write(`${view.secretsSet[k] ? '(set)' : '(not set)'}\n`);
      else process.stdout.write(`${view.values[k] ?? ''}\n`);
    });
  settings
    .command('set <key> <value>')
    .action(async (key: string, value: string, _opts: unknown, cmd: Command) => {
      const rt = open(cmd);
      await rt.call('settings:set', { key: keyOf(key), value });
    });
}

import type { Command } from 'commander';
import { SECRET_SETTING_KEYS, settingKeySchema } from '../../../shared/domain/settings.js';
import { appError } from '../../../shared/domain/app-error.js';
import type { Language } from '../../../shared/i18n/messages.js';
import { CliExit, pickLanguage, type CliRuntime } from '../cli-context.js';
import { promptHidden, readStdinValue } from './secret-input.js';

type Open = (cmd: Command) => CliRuntime;

/** Said when a typed mail server is allowed to run without encryption (the same warning as the SMTP form). */
const NO_ENCRYPTION_WARNING: Record<Language, string> = {
  bg: 'Внимание: паролата и отчетът ще минават некриптирани до пощенския сървър (ако не е избран доставчик и SSL е изключен). Използвайте това само за сървър във вашата мрежа.',
  en: 'Warning: the password and the report will travel unencrypted to the mail server (when no provider is chosen and SSL is off). Use this only for a server on your own network.',
};

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
    .command('set <key> [value]')
    .description('set a value; "-" reads it from standard input; secrets only that way or from a hidden prompt')
    .action(async (key: string, value: string | undefined, _opts: unknown, cmd: Command) => {
      const k = keyOf(key);
      const lang = pickLanguage(cmd.optsWithGlobals<{ lang?: string }>().lang);
      // A secret typed as an argument is already in the shell history; refusing it at least stops it being stored
      // that way habitually (scripts, scheduled tasks) and shows the right way.
      if (value !== undefined && value !== '-' && SECRET_SETTING_KEYS.has(k)) throw new CliExit(appError('secret_argument_refused', { key: k }), 2);
      let text: string;
      if (value === '-') text = await readStdinValue();
      else if (value !== undefined) text = value;
      else if (process.stdin.isTTY) text = await promptHidden(k, lang);
      else throw new CliExit(appError('setting_value_missing', { key: k }), 2);
      const rt = open(cmd);
      await rt.call('settings:set', { key: k, value: text });
      if (k === 'smtp.noEncryption' && text.trim() === 'true') process.stderr.write(`${NO_ENCRYPTION_WARNING[lang]}\n`);
    });
}

import { Command, CommanderError } from 'commander';
import { AppFailure, appError } from '../../shared/domain/app-error.js';
import { CliExit, openCliRuntime, pickLanguage, printError, type CliRuntime } from './cli-context.js';
import { registerCommands } from './commands/index.js';
import { commandOf } from './command-word.js';

/**
 * `barsy-sync`: the headless face of the same engine the app runs. Every command goes through the IPC
 * handler map, so the CLI, the app and the tests exercise one code path.
 */
export async function runCli(argv: string[], version = '0.0.0'): Promise<number> {
  const program = new Command();
  let runtime: CliRuntime | undefined;
  program
    .name('barsy-sync')
    .description('Sync clients exported from Barsy into a Mailchimp audience.')
    .option('--db <path>', 'database file (default: the app-data folder; env BARSY_SYNC_DB)')
    .option('--lang <bg|en>', 'language of messages (env BARSY_SYNC_LANG)')
    .option('--verbose', 'also print warnings (retries, …) on stderr; they always go to logs/cli.log beside the database')
    .version(version, '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  /** Opens the runtime lazily, once, with the global options. */
  const open = (cmd: Command): CliRuntime => {
    if (!runtime) runtime = openCliRuntime(cmd.optsWithGlobals() as { db?: string; lang?: string; verbose?: boolean });
    return runtime;
  };
  await registerCommands(program, open, commandOf(argv));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    const lang = pickLanguage(program.opts<{ lang?: string }>().lang, runtime?.ctx);
    if (err instanceof CliExit) {
      printError(err.error, lang);
      return err.exitCode;
    }
    if (err instanceof AppFailure) {
      printError(err.appError, lang);
      return 1;
    }
    runtime?.ctx.logger.error('unexpected CLI failure', err);
    printError(appError('internal'), lang);
    return 1;
  } finally {
    await runtime?.ctx.close();
  }
}

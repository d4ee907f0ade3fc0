import type { Command } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import type { AppContext } from '../context/app-context.js';
import { resolveDbPath } from '../db/data-dir.js';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher.js';
import { loadHandler } from '../ipc/handler-loaders.js';
import { createFileLogger } from '../logging/logger.js';
import { uiLanguage } from '../settings/ui-language.js';
import path from 'node:path';
import { formatError, type Language } from '../../shared/i18n/messages.js';
import { toLanguage } from '../../shared/i18n/translate.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/ipc-contract.js';
import type { AppError } from '../../shared/domain/app-error.js';

/** Thrown to end a command with a one-line, translated reason and a non-zero exit. */
export class CliExit extends Error {
  constructor(
    readonly error: AppError,
    readonly exitCode = 1,
  ) {
    super(error.code);
  }
}

export type CliRuntime = {
  ctx: AppContext;
  dispatch: Dispatch;
  lang: Language;
  /** Calls a channel through the same dispatcher as the app; a failure ends the command. */
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
};

/** Language for CLI messages: `--lang`, then `BARSY_SYNC_LANG`, then the UI setting, then Bulgarian. */
export function pickLanguage(flag: string | undefined, ctx?: AppContext): Language {
  const v = flag ?? process.env.BARSY_SYNC_LANG;
  if (v !== undefined) return toLanguage(v);
  return ctx ? uiLanguage(ctx.settings) : 'bg';
}

/** Opens the database named by `--db` / `BARSY_SYNC_DB` / the app-data default, and a dispatcher over it. */
export function openCliRuntime(opts: { db?: string; lang?: string; verbose?: boolean }): CliRuntime {
  const dbPath = resolveDbPath(opts.db);
  // Logs go to a file beside the database (redacted); `--verbose` also shows warnings on stderr.
  const logger = createFileLogger(path.join(path.dirname(dbPath), 'logs', 'cli.log'), { echo: Boolean(opts.verbose ?? process.env.BARSY_SYNC_VERBOSE) });
  const ctx = createAppContext({ dbPath, logger });
  // Only the domain of the channel a command calls is loaded, so a command starts at once; each call is
  // validated once, so without compiling zod's fast path for it (see DispatcherOptions).
  const dispatch = createDispatcher(loadHandler, ctx, { jitless: true });
  const lang = pickLanguage(opts.lang, ctx);
  return {
    ctx,
    dispatch,
    lang,
    async call(channel, request) {
      const res = await dispatch(channel, request);
      if (!res.ok) throw new CliExit(res.error);
      return res.value as ResponseOf<typeof channel>;
    },
  };
}

/** Prints an error as one line in the user's language. */
export function printError(error: AppError, lang: Language): void {
  process.stderr.write(`${formatError(error, lang)}\n`);
}

/** Opens the runtime for a command (its --db and --lang options); commands receive it from the CLI's entry. */
export type OpenRuntime = (cmd: Command) => CliRuntime;

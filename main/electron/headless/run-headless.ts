import path from 'node:path';
import { app, safeStorage } from 'electron';
import type { AppError } from '../../../shared/domain/app-error.js';
import { formatError, type Language } from '../../../shared/i18n/messages.js';
import { toLanguage } from '../../../shared/i18n/translate.js';
import { PRODUCT_NAME } from '../../db/data-dir.js';
import { createEngineClient, type EnginePort } from '../engine-client.js';
import { obtainDataKey } from '../keychain-key.js';
import { createAppLog } from '../logging.js';
import { appDbPath, builtPaths } from '../paths.js';
import { languageOfLocale } from '../shell-messages.js';
import { utilityPort } from '../utility-port.js';
import { newHandOffRequest, waitForHandOff, type HandOffResult, type WaitOptions } from './hand-off.js';
import type { HeadlessArgs } from './headless-args.js';
import { createHandOffServer, runJob } from './serve-hand-off.js';

export type HeadlessOptions = {
  mainDir: string;
  args: HeadlessArgs;
  env?: NodeJS.ProcessEnv;
  spawnEngine?: (entry: string) => () => EnginePort;
  /** Where the one-line result goes (stdout/stderr unless a test listens). */
  print?: (line: string, isError: boolean) => void;
  wait?: WaitOptions;
};

const DONE: Record<Language, (ids: string) => string> = {
  bg: (ids) => `Синхронизацията приключи (${ids}).`,
  en: (ids) => `The sync finished (${ids}).`,
};

function languageOf(env: NodeJS.ProcessEnv, fallback: Language): Language {
  const v = env.BARSY_SYNC_LANG;
  return v === 'en' || v === 'bg' ? v : fallback;
}

/** One line about the result, unless `--quiet`. */
function report(o: HeadlessOptions, result: HandOffResult, lang: Language): void {
  if (o.args.quiet) return;
  const print = o.print ?? ((line, isError) => (isError ? process.stderr : process.stdout).write(`${line}\n`));
  if (result.error && result.exitCode !== 0) print(formatError(result.error, lang), true);
  else print(DONE[lang](result.runIds.map((id) => `#${id}`).join(', ')), false);
}

/**
 * `<app> --sync [--watch] [--quiet]`: Electron's main process without a window. When the app is already
 * open, that instance does the work (single-instance hand-off) and this process waits for its answer;
 * otherwise this process unseals the secrets with the OS keychain (never asking: a keychain that refuses
 * ends the run with a clear line), runs the engine in its utility process, writes its log, lets the
 * engine send the report, and resolves with the CLI's exit code.
 */
export async function runHeadless(o: HeadlessOptions): Promise<number> {
  const env = o.env ?? process.env;
  app.setName(PRODUCT_NAME);
  app.dock?.hide();
  const userData = app.getPath('userData');
  const bootLang = languageOf(env, languageOfLocale(app.getLocale()));
  const request = newHandOffRequest(o.args);
  if (!app.requestSingleInstanceLock(request)) {
    const handed = await waitForHandOff(userData, request.nonce, o.wait);
    if (handed) {
      report(o, handed, bootLang);
      return handed.exitCode;
    }
    // The running instance did not take it (an older version, or it was closing): do it here; the run
    // claim in the database still keeps two syncs from running together.
  }

  await app.whenReady();
  const dbPath = appDbPath(userData, env);
  const log = createAppLog(path.join(userData, 'logs'), { console: false });
  const { logger } = log;
  logger.info(`headless run of ${PRODUCT_NAME} ${app.getVersion()}`, { watch: o.args.watch, dbPath });
  const unsealed = await obtainDataKey(safeStorage, userData, logger, async () => 'quit');
  if (unsealed === 'quit') {
    const error: AppError = { code: 'secret_unavailable', params: {} };
    logger.error('headless run stopped: the OS keychain did not open the secrets');
    report(o, { exitCode: 1, error, runIds: [] }, bootLang);
    return 1;
  }
  const engine = createEngineClient({
    spawn: (o.spawnEngine ?? utilityPort)(builtPaths(o.mainDir).engineHost),
    init: { dbPath, secretKey: unsealed ? unsealed.toString('base64') : null, version: app.getVersion(), headless: true },
    onEvent: () => undefined,
    writeLog: log.write,
  });
  // Another scheduled start while this one runs is done here too, after this job.
  app.on('second-instance', createHandOffServer({ call: engine.call, userData, logger }));
  try {
    const settings = await engine.call('settings:get', {});
    const saved = settings.ok ? (settings.value as { values: Record<string, string> }).values['ui.language'] : undefined;
    const lang = languageOf(env, toLanguage(saved));
    const result = await runJob(engine.call, o.args.watch);
    logger.info('headless run finished', { exitCode: result.exitCode, runIds: result.runIds, error: result.error?.code ?? null });
    report(o, result, lang);
    return result.exitCode;
  } finally {
    await engine.shutdown();
  }
}

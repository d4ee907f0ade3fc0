import path from 'node:path';
import { ipcMain } from 'electron';
import log from 'electron-log/main';
import { createRedactingLogger, redact, type Logger } from '../logging/logger.js';

export const LOG_FILE_NAME = 'main.log';
/** electron-log keeps one previous file (`main.old.log`) when this size is reached. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export type AppLog = {
  logger: Logger;
  /** Writes a line that was redacted elsewhere (the engine host); redacted again here to be sure. */
  write(level: 'info' | 'warn' | 'error', line: string): void;
  file: string;
};

/**
 * Logs go to `<userData>/logs/main.log` through electron-log, rotated at 5 MB, and everything passes
 * `redact` twice: in `createRedactingLogger`, and in a hook on electron-log itself so that even a
 * direct `log.*` call cannot write a registered secret or an API key.
 */
export function createAppLog(logDir: string, opts: { console: boolean }): AppLog {
  const file = path.join(logDir, LOG_FILE_NAME);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = opts.console ? 'info' : false;
  log.hooks.push((message) => ({ ...message, data: message.data.map((d: unknown) => (typeof d === 'string' ? redact(d) : d)) }));
  // electron-log listens for renderer log messages on import; our renderer logs nothing through IPC,
  // and only the contract's channels may exist.
  ipcMain.removeAllListeners('__ELECTRON_LOG__');
  ipcMain.removeHandler('__ELECTRON_LOG__');
  const sink = { info: (s: string) => log.info(s), warn: (s: string) => log.warn(s), error: (s: string) => log.error(s) };
  return { logger: createRedactingLogger(sink), write: (level, line) => sink[level](redact(line)), file };
}

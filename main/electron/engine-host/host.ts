import path from 'node:path';
import { appError } from '../../../shared/domain/app-error.js';
import { assertNever } from '../../../shared/domain/assert-never.js';
import { events, type EventName } from '../../../shared/ipc-contract.js';
import { createAppContext } from '../../app/create-app-context.js';
import type { AppContext } from '../../context/app-context.js';
import { createDispatcher, type Dispatch } from '../../ipc/dispatcher.js';
import { handlers as defaultHandlers } from '../../ipc/handler-map.js';
import type { HandlerMap } from '../../context/handler-types.js';
import { createRedactingLogger, type Logger } from '../../logging/logger.js';
import { retryPendingReports, startReportRetryTimer } from '../../report/retry-pending-reports.js';
import { followWatchFolderSetting } from '../../watch/folder-watcher.js';
import { createKeychainKeyCipher } from './key-cipher.js';
import type { HostInit, HostTransport, LogLevel } from './protocol.js';

export type HostOptions = {
  /** The real handler map unless a test swaps in its own (e.g. a synthetic heavy import). */
  handlers?: HandlerMap;
};

/** A logger whose redacted lines travel to main, which owns the log file. */
function transportLogger(transport: HostTransport): Logger {
  const sink = (level: LogLevel) => (line: string) => transport.post({ type: 'log', level, line });
  return createRedactingLogger({ info: sink('info'), warn: sink('warn'), error: sink('error') });
}

/**
 * The engine host: owns the database and the handler map, answers `call` messages with `WireResult`s
 * and forwards the engine's events. Plain Node — it never imports `electron` — so it runs the same in
 * an Electron `utilityProcess` and in a Node child process under test.
 */
export function runHost(transport: HostTransport, opts: HostOptions = {}): void {
  const logger = transportLogger(transport);
  let ctx: AppContext | undefined;
  let dispatch: Dispatch | undefined;
  let closing: Promise<void> | undefined;

  const init = (msg: HostInit) => {
    if (ctx) return;
    try {
      const dataDir = path.dirname(msg.dbPath);
      const cipher = msg.secretKey ? createKeychainKeyCipher(Buffer.from(msg.secretKey, 'base64'), dataDir) : undefined;
      ctx = createAppContext({ dbPath: msg.dbPath, logger, ...(cipher ? { cipher } : {}) });
      // Bundled, the engine cannot find package.json beside itself; main knows the app's version.
      ctx.version = msg.version;
      for (const name of Object.keys(events) as EventName[]) {
        ctx.events.on(name, (payload) => transport.post({ type: 'event', event: name, payload }));
      }
      dispatch = createDispatcher(opts.handlers ?? defaultHandlers, ctx);
      transport.post({ type: 'ready', secretStorage: ctx.secretStorage });
      // Main learns the saved settings (its menus' language) from this event, never by reading replies.
      ctx.events.emit('settings:changed', ctx.settings.view());
      // Report emails that failed earlier (mail server down, laptop offline) go out once their retry time
      // has come. In the background: it never throws, and start-up must not wait for an SMTP timeout.
      void retryPendingReports(ctx);
      if (!msg.headless) {
        // While the app is open: failed reports are retried when due, and the export folder is watched.
        ctx.disposers.push(startReportRetryTimer(ctx), followWatchFolderSetting(ctx));
      }
    } catch (err) {
      logger.error('engine host failed to start', err instanceof Error ? { message: err.message } : err);
      transport.post({ type: 'failed', error: appError('internal') });
    }
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await ctx?.close();
      } catch (err) {
        logger.error('closing the engine failed', err instanceof Error ? { message: err.message } : err);
      }
      transport.post({ type: 'closed' });
      transport.exit(0);
    })();
    return closing;
  };

  transport.onMessage((msg) => {
    switch (msg.type) {
      case 'init':
        return init(msg);
      case 'call': {
        if (!dispatch || closing) {
          transport.post({ type: 'result', id: msg.id, result: { ok: false, error: appError('internal') } });
          return;
        }
        void dispatch(msg.channel, msg.request).then((result) => transport.post({ type: 'result', id: msg.id, result }));
        return;
      }
      case 'shutdown':
        void close();
        return;
      default:
        assertNever(msg, 'parent message');
    }
  });
  transport.onDisconnect(() => void close());
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection in the engine host', reason instanceof Error ? { message: reason.message, stack: reason.stack } : reason));
  // An exception nobody caught must not take the engine down with a sync half-recorded (Node would exit):
  // it is logged, and runs settle by themselves (the engine ends every run failed or interrupted).
  process.on('uncaughtException', (err) => logger.error('uncaught exception in the engine host', { message: err.message, stack: err.stack }));
}

import os from 'node:os';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { events, type ChannelName, type EventName, type WireResult } from '../../shared/ipc-contract.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import type { SecretCipher } from '../settings/secret-cipher.js';
import type { HostInit, HostMessage, LogLevel, ParentMessage } from './engine-host/protocol.js';

/**
 * Below-normal priority for the engine: on a two-core shop PC a 100k-client import then never takes
 * CPU the window needs. Best effort — an OS that refuses just leaves the normal priority.
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not worth failing for
  }
}

/** The parent's end of the pipe to one engine-host process (utilityProcess in the app, fork in tests). */
export type EnginePort = {
  post(message: ParentMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
};

export type EngineClientOptions = {
  spawn: () => EnginePort;
  init: Omit<HostInit, 'type'>;
  onEvent: (event: EventName, payload: unknown) => void;
  /** Receives the host's log lines, already redacted there. */
  writeLog: (level: LogLevel, line: string) => void;
};

export type EngineClient = {
  /** Same shape as the in-process dispatcher: request in, `WireResult` out, never a rejection. */
  call: Dispatch;
  /** Starts the host if needed and resolves with its secret storage kind. */
  ready(): Promise<SecretCipher['kind']>;
  /** Asks the host to close the database, then kills it if it has not exited within `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
};

type Started = { port: EnginePort; ready: Promise<SecretCipher['kind'] | AppError>; exited: Promise<void>; killed?: boolean };

/**
 * Runs the engine in another process behind the dispatcher's interface, so a 100k-client import or a
 * long sync never stalls the window. A host that crashes fails its pending calls as `internal` and is
 * started again by the next call.
 */
export function createEngineClient(opts: EngineClientOptions): EngineClient {
  const pending = new Map<number, (r: WireResult<ChannelName>) => void>();
  let current: Started | undefined;
  let nextId = 0;
  let shuttingDown = false;

  const start = (): Started => {
    const port = opts.spawn();
    let settleReady: (v: SecretCipher['kind'] | AppError) => void = () => undefined;
    let settleExit: () => void = () => undefined;
    const started: Started = {
      port,
      ready: new Promise((r) => (settleReady = r)),
      exited: new Promise((r) => (settleExit = r)),
    };
    port.onMessage((msg) => {
      switch (msg.type) {
        case 'ready':
          return settleReady(msg.secretStorage);
        case 'failed':
          settleReady(msg.error);
          // A host that could not open the database is useless; the next call tries a fresh one.
          started.killed = true;
          return port.kill();
        case 'result':
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
          return;
        case 'event':
          if (Object.prototype.hasOwnProperty.call(events, msg.event)) opts.onEvent(msg.event, msg.payload);
          return;
        case 'log':
          return opts.writeLog(msg.level, msg.line);
        case 'closed':
          return;
        default:
          assertNever(msg, 'host message');
      }
    });
    port.onExit((code) => {
      if (current === started) current = undefined;
      settleReady(appError('internal'));
      if (!shuttingDown) opts.writeLog('warn', `engine host exited (code ${code ?? 'signal'})`);
      for (const resolve of pending.values()) resolve({ ok: false, error: appError('internal') });
      pending.clear();
      settleExit();
    });
    port.post({ type: 'init', ...opts.init });
    return started;
  };

  const ensure = (): Started => (current ??= start());

  return {
    async call(channel, request) {
      if (shuttingDown) return { ok: false, error: appError('internal') };
      const started = ensure();
      const ready = await started.ready;
      if (typeof ready !== 'string') return { ok: false, error: ready };
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        started.port.post({ type: 'call', id, channel, request });
      });
    },
    async ready() {
      const ready = await ensure().ready;
      if (typeof ready !== 'string') throw new Error(`engine host failed: ${ready.code}`);
      return ready;
    },
    async shutdown(timeoutMs = 3000) {
      shuttingDown = true;
      const started = current;
      if (!started) return;
      // A host already being killed has no channel left to hear "shutdown": just wait for it to go.
      if (started.killed) return void (await started.exited);
      started.port.post({ type: 'shutdown' });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
      const how = await Promise.race([started.exited.then(() => 'exited' as const), timedOut]);
      clearTimeout(timer);
      if (how === 'timeout') {
        started.port.kill();
        await started.exited;
      }
    },
  };
}

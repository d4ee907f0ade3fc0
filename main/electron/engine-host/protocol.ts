import type { AppError } from '../../../shared/domain/app-error.js';
import type { ChannelName, EventName, WireResult } from '../../../shared/ipc-contract.js';
import type { SecretCipher } from '../../settings/secret-cipher.js';

/**
 * Messages between the window's main process and the engine host (an Electron `utilityProcess` in the
 * app, a `child_process.fork` in tests). Plain data only: both transports structured-clone them.
 */
export type HostInit = {
  type: 'init';
  dbPath: string;
  /** Base64 data key unsealed by `safeStorage` in main; null when the OS keychain is unavailable. */
  secretKey: string | null;
  version: string;
  /** A headless scheduled run (`<app> --sync`): no folder watcher and no retry timer, it does one job and exits. */
  headless?: boolean;
};
export type HostCall = { type: 'call'; id: number; channel: string; request: unknown };
export type HostShutdown = { type: 'shutdown' };
export type ParentMessage = HostInit | HostCall | HostShutdown;

export type LogLevel = 'info' | 'warn' | 'error';
export type HostMessage =
  | { type: 'ready'; secretStorage: SecretCipher['kind'] }
  | { type: 'failed'; error: AppError }
  | { type: 'result'; id: number; result: WireResult<ChannelName> }
  | { type: 'event'; event: EventName; payload: unknown }
  /** Already redacted in the host; main writes it to electron-log. */
  | { type: 'log'; level: LogLevel; line: string }
  | { type: 'closed' };

/** One end of the pipe to the other process, whatever the transport. */
export type HostTransport = {
  post(message: HostMessage): void;
  onMessage(listener: (message: ParentMessage) => void): void;
  /** Called when the parent goes away, so the host closes the database and exits. */
  onDisconnect(listener: () => void): void;
  exit(code: number): void;
};

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { SECRET_SETTING_KEYS, type SettingKey } from '../../shared/domain/settings.js';
import { channels, type ChannelName, type EventName, type SaveFileResponse, type WireResult } from '../../shared/ipc-contract.js';
import type { Result } from '../../shared/domain/app-error.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import { registerSecret, type Logger } from '../logging/logger.js';
import { isDroppableFile, resolveFileRefs, type FileTokens } from './file-tokens.js';

/**
 * Wire names. The preload (`preload/index.ts`) uses the same strings; `tests/electron/preload.test.ts`
 * checks that every name it sends has a handler here.
 */
export const ipcChannel = (channel: ChannelName): string => `ipc:${channel}`;
export const ipcEventChannel = (event: EventName): string => `ipc-event:${event}`;
/** Native file dialog: a shell feature, not part of the engine contract (the browser bridge has none). */
export const DIALOG_OPEN_CSV = 'dialog:openCsv';
/** Preload → main: the path of a file dropped on the window, swapped for a token the page may hold. */
export const FILE_REGISTER = 'file:register';
/** The contract's shell channel `file:save`: an export saved through a native save dialog. */
export const FILE_SAVE = 'file:save';
/** Main → renderer: a CSV chosen from the File menu (its token), for the UI to import. */
export const OPEN_FILE_EVENT = 'app:openFile';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/**
 * Trusts a call only from the main frame of our one window while it shows our own page, so a
 * sub-frame, another web contents or a page the window was somehow navigated to cannot drive main.
 */
export function createSenderCheck(getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    const main = win.webContents.mainFrame;
    if (!frame || frame.parent !== null) return false;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isAppUrl(frame.url);
  };
}

export type IpcBridgeOptions = {
  dispatch: Dispatch;
  isTrusted: SenderCheck;
  logger: Logger;
  /** The files the page may name (tokens); a path from the page is refused. */
  files: FileTokens;
  /** Runs after a successful call, e.g. to rebuild the menu when `ui.language` changes. */
  afterCall?: (channel: ChannelName, request: unknown, result: WireResult<ChannelName>) => void;
};

/** Secrets pass through main on their way to the engine; make sure no log line here could show them. */
function rememberSecrets(channel: ChannelName, request: unknown): void {
  const r = (request ?? {}) as Record<string, unknown>;
  if (channel === 'settings:set' && SECRET_SETTING_KEYS.has(r.key as SettingKey) && typeof r.value === 'string') registerSecret(r.value);
  if (channel === 'mailchimp:connect' && typeof r.apiKey === 'string') registerSecret(r.apiKey);
}

/** Refuses a call from a foreign sender: the invoke rejects in that page, and the attempt is logged. */
function refuse(logger: Logger, name: string, event: Pick<IpcMainInvokeEvent, 'senderFrame'>): never {
  logger.warn('refused an IPC call from a foreign sender', { channel: name, url: event.senderFrame?.url ?? null });
  throw new Error('refused: not the app window');
}

/**
 * Registers one `ipcMain.handle('ipc:<channel>')` per contract channel, each checking the sender and
 * then dispatching (the dispatcher validates the request against the contract). Channels outside the
 * contract have no handler at all. Returns a function that removes them.
 */
export function registerIpc(ipc: IpcMain, opts: IpcBridgeOptions): () => void {
  const names = Object.keys(channels) as ChannelName[];
  for (const channel of names) {
    ipc.handle(ipcChannel(channel), async (event, request: unknown) => {
      if (!opts.isTrusted(event)) refuse(opts.logger, channel, event);
      rememberSecrets(channel, request);
      const files = resolveFileRefs(channel, request, opts.files);
      if (!files.ok) {
        opts.logger.warn('refused a file the page named without a token', { channel, field: files.field });
        return { ok: false, error: files.error };
      }
      const result = await opts.dispatch(channel, files.request);
      if (result.ok) opts.afterCall?.(channel, request, result);
      return result;
    });
  }
  return () => names.forEach((c) => ipc.removeHandler(ipcChannel(c)));
}

export type ShellIpcOptions = {
  isTrusted: SenderCheck;
  logger: Logger;
  files: FileTokens;
  /** The native open dialog; the chosen path, or null when cancelled. */
  pickCsv: () => Promise<string | null>;
  /** The folder dialog (the watched export folder); absent in tests that need none. */
  pickFolder?: () => Promise<string | null>;
  /** `file:save`: validates, asks where, writes (see save-file.ts). */
  saveFile: (request: unknown) => Promise<Result<SaveFileResponse>>;
};

/**
 * The shell's own channels: the "open CSV" dialog behind `BarsyApi.pickFile` and the registration of a
 * dropped file behind `BarsyApi.fileRef` (both answer a token, never a path), and `file:save`.
 */
export function registerShellIpc(ipc: IpcMain, opts: ShellIpcOptions): void {
  ipc.handle(DIALOG_OPEN_CSV, async (event, kind: unknown) => {
    if (!opts.isTrusted(event)) refuse(opts.logger, DIALOG_OPEN_CSV, event);
    if (kind === 'folder') {
      const folder = (await opts.pickFolder?.()) ?? null;
      return folder === null ? null : opts.files.issue(folder);
    }
    if (kind !== 'csv') return null;
    const file = await opts.pickCsv();
    return file === null ? null : opts.files.issue(file);
  });
  ipc.handle(FILE_REGISTER, (event, filePath: unknown) => {
    if (!opts.isTrusted(event)) refuse(opts.logger, FILE_REGISTER, event);
    return isDroppableFile(filePath) ? opts.files.issue(filePath) : null;
  });
  ipc.handle(FILE_SAVE, async (event, request: unknown) => {
    if (!opts.isTrusted(event)) refuse(opts.logger, FILE_SAVE, event);
    return opts.saveFile(request);
  });
}

/** Pushes an engine event to the window, only while it shows our page. */
export function createEventForwarder(getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean) {
  return (event: EventName, payload: unknown): void => {
    const win = getWindow();
    if (!win || win.isDestroyed() || !isAppUrl(win.webContents.getURL())) return;
    win.webContents.send(ipcEventChannel(event), payload);
  };
}

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { SECRET_SETTING_KEYS, type SettingKey } from '../../shared/domain/settings.js';
import { channels, type ChannelName, type EventName, type WireResult } from '../../shared/ipc-contract.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import { registerSecret, type Logger } from '../logging/logger.js';

/**
 * Wire names. The preload (`preload/index.ts`) uses the same strings; `tests/electron/preload.test.ts`
 * checks that every name it sends has a handler here.
 */
export const ipcChannel = (channel: ChannelName): string => `ipc:${channel}`;
export const ipcEventChannel = (event: EventName): string => `ipc-event:${event}`;
/** Native file dialog: a shell feature, not part of the engine contract (the browser bridge has none). */
export const DIALOG_OPEN_CSV = 'dialog:openCsv';
/** Main → renderer: a CSV chosen from the File menu, for the UI to import. */
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
      const result = await opts.dispatch(channel, request);
      if (result.ok) opts.afterCall?.(channel, request, result);
      return result;
    });
  }
  return () => names.forEach((c) => ipc.removeHandler(ipcChannel(c)));
}

/** The shell's own channel: the native "open CSV" dialog behind `BarsyApi.pickFile`. */
export function registerDialogIpc(ipc: IpcMain, opts: { isTrusted: SenderCheck; logger: Logger; pickCsv: () => Promise<string | null> }): void {
  ipc.handle(DIALOG_OPEN_CSV, async (event, kind: unknown) => {
    if (!opts.isTrusted(event)) refuse(opts.logger, DIALOG_OPEN_CSV, event);
    if (kind !== 'csv') return null;
    return opts.pickCsv();
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

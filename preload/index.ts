import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { appError, type Result } from '../shared/domain/app-error.js';
import {
  channels,
  events,
  type BarsyApi,
  type ChannelName,
  type EventName,
  type EventOf,
  type RequestOf,
  type SaveFileRequest,
  type SaveFileResponse,
  type WireResult,
} from '../shared/ipc-contract.js';

/*
 * The only bridge between the sandboxed page and main. It exposes task-shaped functions on
 * `window.barsy`, never `ipcRenderer` itself, and sends only the contract's channels. Wire names
 * match main/electron/ipc-bridge.ts (checked by tests/electron/preload.test.ts).
 */
const IPC = 'ipc:';
const IPC_EVENT = 'ipc-event:';
const DIALOG_OPEN_CSV = 'dialog:openCsv';
const FILE_REGISTER = 'file:register';
const FILE_SAVE = 'file:save';
const OPEN_FILE_EVENT = 'app:openFile';

/** A token main answered, or null (cancelled, refused, or main failed). */
async function tokenFrom(ask: () => Promise<unknown>): Promise<string | null> {
  try {
    const token = await ask();
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

const isKey = (o: object, key: unknown): boolean => typeof key === 'string' && Object.prototype.hasOwnProperty.call(o, key);

/** Subscribes to a main → renderer message without handing the page the IPC event (or its sender). */
function subscribe(wire: string, deliver: (payload: unknown) => void): () => void {
  const listener = (_event: IpcRendererEvent, payload: unknown) => deliver(payload);
  ipcRenderer.on(wire, listener);
  return () => void ipcRenderer.removeListener(wire, listener);
}

const api = {
  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<WireResult<C>> {
    if (!isKey(channels, channel)) return { ok: false, error: appError('ipc_unknown_channel', { channel: String(channel).slice(0, 80) }) };
    try {
      return (await ipcRenderer.invoke(IPC + channel, request)) as WireResult<C>;
    } catch {
      // main refused the call or crashed: still a result, never an exception in the UI
      return { ok: false, error: appError('internal') };
    }
  },
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    if (!isKey(events, event)) return () => undefined;
    return subscribe(IPC_EVENT + event, listener as (payload: unknown) => void);
  },
  /** The open dialog in main; the page gets the chosen file's token, never its path. */
  async pickFile(kind: 'csv'): Promise<string | null> {
    if (kind !== 'csv') return null;
    return tokenFrom(() => ipcRenderer.invoke(DIALOG_OPEN_CSV, kind));
  },
  /** The folder dialog in main (the watched export folder); the page gets a token, never the path. */
  async pickFolder(): Promise<string | null> {
    return tokenFrom(() => ipcRenderer.invoke(DIALOG_OPEN_CSV, 'folder'));
  },
  /**
   * A dropped file: its path (Electron hides `File.path`; `webUtils` resolves it here, in the preload)
   * goes straight to main, which answers a token. The path is never handed to the page.
   */
  async fileRef(file: object): Promise<string | null> {
    let filePath = '';
    try {
      filePath = webUtils.getPathForFile(file as File);
    } catch {
      return null; // not a File object
    }
    if (!filePath) return null;
    return tokenFrom(() => ipcRenderer.invoke(FILE_REGISTER, filePath));
  },
  onOpenFile(listener: (file: { ref: string; kind: 'csv' }) => void): () => void {
    return subscribe(OPEN_FILE_EVENT, (payload) => {
      const p = payload as { ref?: unknown; kind?: unknown } | null;
      if (p && typeof p.ref === 'string' && p.kind === 'csv') listener({ ref: p.ref, kind: 'csv' });
    });
  },
  /** An export, saved by main through a native save dialog (downloads are refused in the app). */
  async saveFile(file: SaveFileRequest): Promise<Result<SaveFileResponse>> {
    try {
      return (await ipcRenderer.invoke(FILE_SAVE, file)) as Result<SaveFileResponse>;
    } catch {
      return { ok: false, error: appError('internal') };
    }
  },
} satisfies BarsyApi;

contextBridge.exposeInMainWorld('barsy', api);

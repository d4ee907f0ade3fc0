import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { appError } from '../shared/domain/app-error.js';
import { channels, events, type BarsyApi, type ChannelName, type EventName, type EventOf, type RequestOf, type WireResult } from '../shared/ipc-contract.js';

/*
 * The only bridge between the sandboxed page and main. It exposes task-shaped functions on
 * `window.barsy`, never `ipcRenderer` itself, and sends only the contract's channels. Wire names
 * match main/electron/ipc-bridge.ts (checked by tests/electron/preload.test.ts).
 */
const IPC = 'ipc:';
const IPC_EVENT = 'ipc-event:';
const DIALOG_OPEN_CSV = 'dialog:openCsv';
const OPEN_FILE_EVENT = 'app:openFile';

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
  async pickFile(kind: 'csv'): Promise<string | null> {
    if (kind !== 'csv') return null;
    try {
      const file: unknown = await ipcRenderer.invoke(DIALOG_OPEN_CSV, kind);
      return typeof file === 'string' ? file : null;
    } catch {
      return null;
    }
  },
  pathForFile(file: object): string {
    return webUtils.getPathForFile(file as File);
  },
  onOpenFile(listener: (file: { path: string; kind: 'csv' }) => void): () => void {
    return subscribe(OPEN_FILE_EVENT, (payload) => {
      const p = payload as { path?: unknown; kind?: unknown } | null;
      if (p && typeof p.path === 'string' && p.kind === 'csv') listener({ path: p.path, kind: 'csv' });
    });
  },
} satisfies BarsyApi;

contextBridge.exposeInMainWorld('barsy', api);

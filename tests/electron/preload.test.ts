import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, events, type BarsyApi } from '../../shared/ipc-contract.js';
import { DIALOG_OPEN_CSV, ipcChannel, ipcEventChannel, OPEN_FILE_EVENT } from '../../main/electron/ipc-bridge.js';
import { contextBridge, ipcRenderer, resetFakes } from './helpers/fake-electron.js';
import { sampleProgress } from './helpers/samples.js';

vi.mock('electron', () => import('./helpers/fake-electron.js'));

let api: BarsyApi;
beforeAll(async () => {
  resetFakes();
  await import('../../preload/index.js');
  api = contextBridge.exposed.get('barsy') as BarsyApi;
});
beforeEach(() => {
  ipcRenderer.invoked = [];
  ipcRenderer.respond = () => ({ ok: true, value: 'answer' });
});

describe('preload', () => {
  it('exposes only task-shaped functions on window.barsy, never ipcRenderer', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['barsy']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'onOpenFile', 'pathForFile', 'pickFile']);
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('sends a contract channel as ipc:<channel> — the name main registers', async () => {
    for (const channel of Object.keys(channels) as Array<keyof typeof channels>) {
      ipcRenderer.invoked = [];
      await api.invoke(channel, {} as never);
      expect(ipcRenderer.invoked[0]?.channel).toBe(ipcChannel(channel));
    }
    expect(await api.invoke('app:info', {})).toEqual({ ok: true, value: 'answer' });
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    for (const bad of ['fs:readEverything', 'toString', '__proto__', 'constructor']) {
      const res = await api.invoke(bad as never, {} as never);
      expect(res).toEqual({ ok: false, error: { code: 'ipc_unknown_channel', params: { channel: bad } } });
    }
    expect(ipcRenderer.invoked).toEqual([]);
  });

  it('turns a refused or failed call into an internal error result, never an exception', async () => {
    ipcRenderer.respond = () => {
      throw new Error('refused: not the app window');
    };
    expect(await api.invoke('settings:get', {})).toEqual({ ok: false, error: { code: 'internal', params: {} } });
  });

  it('delivers event payloads (not the IPC event) and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('sync:progress', (p) => got.push(p));
    ipcRenderer.emit(ipcEventChannel('sync:progress'), { sender: ipcRenderer }, sampleProgress());
    expect(got).toEqual([sampleProgress()]);
    off();
    ipcRenderer.emit(ipcEventChannel('sync:progress'), {}, sampleProgress());
    expect(got).toHaveLength(1);
    expect(Object.keys(events).every((e) => ipcRenderer.listenerCount(ipcEventChannel(e as keyof typeof events)) === 0)).toBe(true);
  });

  it('ignores subscriptions to events outside the contract', () => {
    const off = api.on('fs:changed' as never, () => undefined);
    expect(ipcRenderer.eventNames()).toEqual([]);
    off();
  });

  it('opens the native CSV dialog through the shell channel, and resolves dropped files with webUtils', async () => {
    ipcRenderer.respond = (channel) => (channel === DIALOG_OPEN_CSV ? 'C:\\Barsy\\clients.csv' : null);
    expect(await api.pickFile?.('csv')).toBe('C:\\Barsy\\clients.csv');
    expect(ipcRenderer.invoked).toEqual([{ channel: DIALOG_OPEN_CSV, args: ['csv'] }]);
    expect(await api.pickFile?.('exe' as never)).toBeNull();
    expect(api.pathForFile?.({ name: 'clients.csv' })).toBe('/dropped/clients.csv');
  });

  it('passes the File-menu CSV to the UI, and only well-formed messages', () => {
    const got: unknown[] = [];
    const off = api.onOpenFile?.((f) => got.push(f));
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, { path: '/tmp/a.csv', kind: 'csv' });
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, { path: 42, kind: 'csv' });
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, null);
    expect(got).toEqual([{ path: '/tmp/a.csv', kind: 'csv' }]);
    off?.();
  });
});

import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, events, type BarsyApi } from '../../shared/ipc-contract.js';
import { DIALOG_OPEN_CSV, FILE_REGISTER, FILE_SAVE, ipcChannel, ipcEventChannel, OPEN_FILE_EVENT } from '../../main/electron/ipc-bridge.js';
import { contextBridge, ipcRenderer, resetFakes } from '../helpers/electron/fake-electron.js';
import { sampleProgress } from '../helpers/electron/samples.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));

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
    expect(Object.keys(api).sort()).toEqual(['fileRef', 'invoke', 'on', 'onOpenFile', 'pickFile', 'pickFolder', 'saveFile']);
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

  it('opens the native CSV dialog through the shell channel and hands the page what main answers (a token)', async () => {
    ipcRenderer.respond = (channel) => (channel === DIALOG_OPEN_CSV ? 'barsy-file:0123' : null);
    expect(await api.pickFile?.('csv')).toBe('barsy-file:0123');
    expect(ipcRenderer.invoked).toEqual([{ channel: DIALOG_OPEN_CSV, args: ['csv'] }]);
    expect(await api.pickFile?.('exe' as never)).toBeNull();
    ipcRenderer.invoked = [];
    expect(await api.pickFolder?.()).toBe('barsy-file:0123');
    expect(ipcRenderer.invoked).toEqual([{ channel: DIALOG_OPEN_CSV, args: ['folder'] }]);
    ipcRenderer.respond = () => {
      throw new Error('refused');
    };
    expect(await api.pickFile?.('csv')).toBeNull();
  });

  it('registers a dropped file with main (path via webUtils, in the preload) and gives the page only the token', async () => {
    ipcRenderer.respond = (channel, p) => (channel === FILE_REGISTER && p === '/dropped/clients.csv' ? 'barsy-file:abcd' : null);
    const ref = await api.fileRef?.({ name: 'clients.csv' });
    expect(ref).toBe('barsy-file:abcd');
    expect(ipcRenderer.invoked).toEqual([{ channel: FILE_REGISTER, args: ['/dropped/clients.csv'] }]);
    // main refused (not a file): the page gets null, never the path
    ipcRenderer.respond = () => null;
    expect(await api.fileRef?.({ name: 'folder' })).toBeNull();
  });

  it('saves an export through main (file:save) and reports a failure as data', async () => {
    const file = { suggestedName: 'run-1.csv', content: 'a;b\n', kind: 'csv' as const };
    ipcRenderer.respond = (channel) => (channel === FILE_SAVE ? { ok: true, value: { saved: true, fileName: 'run-1.csv' } } : null);
    expect(await api.saveFile(file)).toEqual({ ok: true, value: { saved: true, fileName: 'run-1.csv' } });
    expect(ipcRenderer.invoked).toEqual([{ channel: FILE_SAVE, args: [file] }]);
    ipcRenderer.respond = () => {
      throw new Error('refused');
    };
    expect(await api.saveFile(file)).toEqual({ ok: false, error: { code: 'internal', params: {} } });
  });

  it('passes the File-menu CSV to the UI, and only well-formed messages', () => {
    const got: unknown[] = [];
    const off = api.onOpenFile?.((f) => got.push(f));
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, { ref: 'barsy-file:1', kind: 'csv' });
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, { ref: 42, kind: 'csv' });
    ipcRenderer.emit(OPEN_FILE_EVENT, {}, null);
    expect(got).toEqual([{ ref: 'barsy-file:1', kind: 'csv' }]);
    off?.();
  });
});

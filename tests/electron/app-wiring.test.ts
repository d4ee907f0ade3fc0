import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels, shellChannels } from '../../shared/ipc-contract.js';
import { DIALOG_OPEN_CSV, FILE_REGISTER } from '../../main/electron/ipc-bridge.js';
import { SEALED_KEY_FILE } from '../../main/electron/keychain-key.js';
import { app, BrowserWindow, FakeFrame, FakeWebContents, ipcMain, Menu, Notification, safeStorage, session, utilityProcess } from '../helpers/electron/fake-electron.js';
import { callFromWindow, startFakeApp, stopFakeApps, subFrame, trustedEvent } from '../helpers/electron/start-fake-app.js';
import { REPO } from '../helpers/electron/fork-port.js';
import { sampleRunSummary } from '../helpers/electron/samples.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

/** The engine host starts in a forked process, which takes a moment on a loaded machine. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 8000, interval: 20 });
const API_KEY = '0123456789abcdef0123456789abcdef-us6';
afterEach(stopFakeApps);

function rawSetting(dbPath: string, key: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT value, encrypted FROM settings WHERE key = ?').get(key) as { value: string; encrypted: number } | undefined;
  } finally {
    db.close();
  }
}

describe('the Electron shell, wired against fakes of electron', () => {
  it('registers exactly one ipc:<channel> per contract channel plus the shell channels, and nothing else', async () => {
    await startFakeApp();
    const expected = [...Object.keys(channels).map((c) => `ipc:${c}`), DIALOG_OPEN_CSV, FILE_REGISTER, ...Object.keys(shellChannels)].sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
    // electron-log's own renderer channel is removed
    expect(ipcMain.listenerCount('__ELECTRON_LOG__')).toBe(0);
  });

  it('creates one hardened window, installs the CSP and sandboxes every renderer', async () => {
    const { win, mainDir } = await startFakeApp();
    expect(BrowserWindow.created).toHaveLength(1);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(prefs.preload).toBe(path.join(mainDir, '..', 'preload', 'index.cjs'));
    expect(win.loaded.file).toBe(path.join(mainDir, '..', 'renderer', 'index.html'));
    expect(app.sandboxed).toBe(true);
    expect(app.name).toBe('Barsy Mailchimp Sync');
    expect(session.defaultSession.headersListener).toBeTypeOf('function');
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
  });

  it('keeps the database in userData (shared with the CLI) unless BARSY_SYNC_DB says otherwise', async () => {
    const { win, userData } = await startFakeApp();
    const info = await callFromWindow(win, 'app:info', {});
    expect(info).toMatchObject({ ok: true, value: { dbPath: path.join(userData, 'barsy-sync.sqlite'), dataDir: userData, version: '1.2.3' } });
    await stopFakeApps();

    const other = path.join(REPO, 'tests', 'output', `shell-${process.pid}.sqlite`);
    const second = await startFakeApp({ BARSY_SYNC_DB: other });
    try {
      const info2 = await callFromWindow(second.win, 'app:info', {});
      expect(info2).toMatchObject({ ok: true, value: { dbPath: other } });
    } finally {
      await stopFakeApps();
      for (const f of [other, `${other}-wal`, `${other}-shm`]) fs.rmSync(f, { force: true });
    }
  });

  it('validates every request: an invalid one comes back as ipc_invalid_request', async () => {
    const { win } = await startFakeApp();
    const bad = await callFromWindow(win, 'settings:set', { key: 'ui.language', value: 'en', extra: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc_invalid_request' } });
    const bad2 = await callFromWindow(win, 'clients:list', { limit: 5000 });
    expect(bad2).toMatchObject({ ok: false, error: { code: 'ipc_invalid_request' } });
  });

  it('has no handler for a channel outside the contract', async () => {
    const { win } = await startFakeApp();
    await expect(ipcMain.invoke('ipc:fs:readEverything', trustedEvent(win), {})).rejects.toThrow(/No handler/);
    await expect(ipcMain.invoke('settings:get', trustedEvent(win), {})).rejects.toThrow(/No handler/);
  });

  it('rejects foreign senders: another web contents, a sub-frame, a foreign page', async () => {
    const { win } = await startFakeApp();
    const ok = await callFromWindow(win, 'app:info', {});
    expect(ok.ok).toBe(true);
    const appUrl = win.webContents.mainFrame.url;
    const other = new FakeWebContents();
    other.mainFrame.url = appUrl;
    const attempts = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: win.webContents, senderFrame: subFrame(win, appUrl) },
      { sender: win.webContents, senderFrame: new FakeFrame(appUrl, 99, 99) },
      { sender: win.webContents, senderFrame: null },
    ];
    for (const event of attempts) {
      await expect(ipcMain.invoke('ipc:app:info', event, {})).rejects.toThrow(/refused/);
      await expect(ipcMain.invoke(DIALOG_OPEN_CSV, event, 'csv')).rejects.toThrow(/refused/);
    }
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `${appUrl.replace('index.html', 'other.html')}`]) {
      win.webContents.mainFrame.url = url;
      await expect(ipcMain.invoke('ipc:settings:get', trustedEvent(win), {})).rejects.toThrow(/refused/);
    }
  });

  it('encrypts secrets with the safeStorage-sealed key before they reach SQLite', async () => {
    const { win, running, userData } = await startFakeApp();
    const set = await callFromWindow(win, 'settings:set', { key: 'mailchimp.apiKey', value: API_KEY });
    expect(set).toMatchObject({ ok: true, value: { secretStorage: 'os-keychain', secretsSet: { 'mailchimp.apiKey': true } } });
    expect(JSON.stringify(set)).not.toContain(API_KEY);
    const row = rawSetting(running.dbPath, 'mailchimp.apiKey');
    expect(row?.encrypted).toBe(1);
    expect(row?.value.startsWith('kc1:')).toBe(true);
    expect(row?.value).not.toContain(API_KEY);
    // The data key exists on disk only as safeStorage output; no plain key file is written.
    const sealed = fs.readFileSync(path.join(userData, SEALED_KEY_FILE));
    expect(sealed.subarray(0, 14).toString()).toBe('FAKE-KEYCHAIN:');
    expect(safeStorage.sealed).toBe(1);
    expect(fs.existsSync(path.join(userData, 'secret.key'))).toBe(false);
  });

  it('falls back to the file key, and says so, when the OS keychain is unavailable', async () => {
    safeStorage.backend = 'basic_text';
    const { win, running } = await startFakeApp();
    const view = await callFromWindow(win, 'settings:get', {});
    expect(view).toMatchObject({ ok: true, value: { secretStorage: 'fallback-file-key' } });
    await callFromWindow(win, 'settings:set', { key: 'smtp.pass', value: 'hunter22-secret' });
    expect(rawSetting(running.dbPath, 'smtp.pass')?.value.startsWith('fk1:')).toBe(true);
  });

  it('pushes engine events to the window and notifies the user when a sync ends', async () => {
    utilityProcess.entry = path.join(REPO, 'tests/electron/fixtures/heavy-host.ts');
    const { win } = await startFakeApp();
    const res = await callFromWindow(win, 'sync:start', {});
    expect(res).toEqual({ ok: true, value: { runId: 7 } });
    // (the engine also pushes settings:changed at start; only the run's events matter here)
    const syncEvents = () => win.webContents.sent.filter((s) => s.channel.startsWith('ipc-event:sync:'));
    await eventually(() => expect(syncEvents().map((s) => s.channel)).toEqual(['ipc-event:sync:progress', 'ipc-event:sync:finished']));
    expect(syncEvents()[1]?.payload).toEqual(sampleRunSummary());
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.shown[0]?.options.title).toBe('Синхронизацията завърши');
    expect(Notification.shown[0]?.options.body).toContain('Добавени: 1');
    Notification.shown[0]?.emit('click');
    expect(win.focused).toBe(1);
  });

  it('rebuilds the menu in English when ui.language changes', async () => {
    const { win } = await startFakeApp();
    await eventually(() => expect(Menu.current?.template[0]?.label).toBe('Файл'));
    await callFromWindow(win, 'settings:set', { key: 'ui.language', value: 'en' });
    expect(Menu.current?.template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('File > Import CSV opens the native dialog and hands the UI a token for the file, not its path', async () => {
    const { win } = await startFakeApp();
    const fileMenu = Menu.current?.template[0]?.submenu as Array<{ id?: string; click?: () => void }>;
    fileMenu.find((i) => i.id === 'import-csv')?.click?.();
    await eventually(() => expect(win.webContents.sent.some((m) => m.channel === 'app:openFile')).toBe(true));
    const sent = win.webContents.sent.find((m) => m.channel === 'app:openFile')?.payload as { ref: string; kind: string };
    expect(sent).toEqual({ ref: expect.stringMatching(/^barsy-file:[0-9a-f]{32}$/), kind: 'csv' });
    expect(JSON.stringify(sent)).not.toContain('clients.csv');
    const picked = await ipcMain.invoke(DIALOG_OPEN_CSV, trustedEvent(win), 'csv');
    expect(picked).toMatch(/^barsy-file:[0-9a-f]{32}$/);
    expect(picked).not.toBe(sent.ref);
  });

  it('quits only after the engine has closed the database; a second instance focuses the first', async () => {
    const { win } = await startFakeApp();
    app.emit('second-instance');
    expect(win.focused).toBe(1);
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await eventually(() => expect(app.quitCalls).toBe(1));
    const [fork] = utilityProcess.forks;
    expect(fork?.requested.endsWith(path.join('out', 'main', 'engine-host.js'))).toBe(true);
  });

  it('does not start a second copy when another instance holds the lock', async () => {
    const { startApp } = await import('../../main/electron/app-main.js');
    app.gotLock = false;
    expect(await startApp({ mainDir: '/nowhere' })).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toHaveLength(0);
  });
});

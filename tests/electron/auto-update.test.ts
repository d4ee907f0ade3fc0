import { afterEach, describe, expect, it, vi } from 'vitest';
import { autoUpdateOf, startAutoUpdate, syncIsRunning, type AutoUpdate } from '../../main/electron/auto-update.js';
import { app, FakeUpdater, Notification, updater as fakeUpdater } from '../helpers/electron/fake-electron.js';
import { callFromWindow, startFakeApp, stopFakeApps } from '../helpers/electron/start-fake-app.js';
import { sampleRunSummary } from '../helpers/electron/samples.js';
import type { RunStatus } from '../../shared/domain/sync.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

// The engine host is forked with tsx, which takes a while on a loaded 2-core machine.
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

type Setup = { updates: AutoUpdate; updater: FakeUpdater; running: { value: boolean }; ready: string[]; quits: number[]; warnings: string[] };
let current: Setup | null = null;

function setup(opts: { syncRunning?: () => Promise<boolean> } = {}): Setup {
  const updater = new FakeUpdater();
  const running = { value: false };
  const ready: string[] = [];
  const quits: number[] = [];
  const warnings: string[] = [];
  const updates = startAutoUpdate({
    loadUpdater: async () => updater,
    syncRunning: opts.syncRunning ?? (async () => running.value),
    notifyReady: (v) => ready.push(v),
    quit: () => quits.push(1),
    logger: { info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined },
    firstCheckMs: 1000,
    everyMs: 60_000,
    installGraceMs: 5000,
  });
  current = { updates, updater, running, ready, quits, warnings };
  return current;
}

afterEach(async () => {
  current?.updates.stop();
  current = null;
  vi.useRealTimers();
  await stopFakeApps();
});

describe('auto-update (electron-updater mocked)', () => {
  it('keeps electron-updater\'s verification, downloads in the background, and leaves installing to the quit', async () => {
    const { updates, updater } = setup();
    updates.setEnabled(true);
    await eventually(() => expect(updater.logger).not.toBeNull());
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, autoRunAppAfterInstall: false, allowDowngrade: false, allowPrerelease: false });
  });

  it('checks a while after start and then periodically, only once the setting is known to be on', async () => {
    vi.useFakeTimers();
    const { updates, updater } = setup();
    await vi.advanceTimersByTimeAsync(1000);
    expect(updater.checks).toBe(0); // setting not known yet
    updates.setEnabled(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.checks).toBe(2);
    updates.setEnabled(false);
    expect(updater.autoDownload).toBe(false);
    await vi.advanceTimersByTimeAsync(180_000);
    expect(updater.checks).toBe(2);
  });

  it('does not check during a sync, and a failed check (offline) is logged, never thrown', async () => {
    const s = setup();
    s.updates.setEnabled(true);
    s.running.value = true;
    await s.updates.check();
    expect(s.updater.checks).toBe(0);
    s.running.value = false;
    s.updater.failNextCheck = new Error('net::ERR_INTERNET_DISCONNECTED');
    await expect(s.updates.check()).resolves.toBeUndefined();
    expect(s.updater.checks).toBe(1);
    expect(s.warnings).toContain('update check failed');
  });

  it('tells the user when an update is ready and installs it at quit — but not while a sync runs', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.updates.setEnabled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(await s.updates.shouldInstallOnQuit()).toBe(false); // nothing downloaded yet
    s.updater.emit('update-downloaded', { version: '1.4.0' });
    expect(s.ready).toEqual(['1.4.0']);

    s.running.value = true;
    expect(await s.updates.shouldInstallOnQuit()).toBe(false);
    s.running.value = false;
    expect(await s.updates.shouldInstallOnQuit()).toBe(true);
    s.updates.installAndQuit();
    expect(s.updater.installs).toEqual([[true, false]]); // silent, the app not started again
    expect(s.quits).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000); // the installer did not take over: quit anyway
    expect(s.quits).toEqual([1]);
  });

  it('installs nothing when the user turned updates off, or when the engine cannot say whether a sync runs', async () => {
    const s = setup({ syncRunning: () => Promise.reject(new Error('engine gone')) });
    s.updates.setEnabled(true);
    await eventually(() => expect(s.updater.logger).not.toBeNull());
    s.updater.emit('update-downloaded', { version: '1.4.0' });
    expect(await s.updates.shouldInstallOnQuit()).toBe(false);
    const t = setup();
    t.updates.setEnabled(true);
    await eventually(() => expect(t.updater.logger).not.toBeNull());
    t.updater.emit('update-downloaded', { version: '1.4.0' });
    t.updates.setEnabled(false);
    expect(await t.updates.shouldInstallOnQuit()).toBe(false);
  });

  it('asks the engine: a run recorded as running means a sync is going on', async () => {
    const summary = (status: RunStatus) => ({ ...sampleRunSummary(), status });
    expect(await syncIsRunning(async () => ({ ok: true, value: [summary('completed'), summary('running')] }))).toBe(true);
    expect(await syncIsRunning(async () => ({ ok: true, value: [summary('completed'), summary('interrupted')] }))).toBe(false);
    await expect(syncIsRunning(async () => ({ ok: false, error: { code: 'internal', params: {} } }))).rejects.toThrow('internal');
    expect(autoUpdateOf({ values: { 'app.autoUpdate': 'false' } })).toBe(false);
    expect(autoUpdateOf({ values: {} })).toBe(true);
  });
});

describe('auto-update in the app', () => {
  it('follows the app.autoUpdate setting from the engine, and installs a downloaded update when the app quits', async () => {
    const { win } = await startFakeApp();
    await eventually(() => expect(fakeUpdater.logger).not.toBeNull()); // on by default
    fakeUpdater.emit('update-downloaded', { version: '9.9.9' });
    expect(Notification.shown.at(-1)?.options).toEqual({ title: 'Нова версия е изтеглена: 9.9.9', body: 'Ще бъде инсталирана, когато затворите програмата.' });

    const view = await callFromWindow(win, 'settings:set', { key: 'app.autoUpdate', value: 'false' });
    expect(view).toMatchObject({ ok: true, value: { values: { 'app.autoUpdate': 'false' } } });
    await eventually(() => expect(fakeUpdater.autoDownload).toBe(false));
    await callFromWindow(win, 'settings:set', { key: 'app.autoUpdate', value: 'true' });
    await eventually(() => expect(fakeUpdater.autoDownload).toBe(true));

    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await eventually(() => expect(fakeUpdater.installs).toEqual([[true, false]]));
    expect(app.quitCalls).toBe(0); // the installer quits the app
  }, 60_000);

  it('quits without installing when the user turned updates off', async () => {
    const { win } = await startFakeApp();
    await eventually(() => expect(fakeUpdater.logger).not.toBeNull());
    fakeUpdater.emit('update-downloaded', { version: '9.9.9' });
    await callFromWindow(win, 'settings:set', { key: 'app.autoUpdate', value: 'false' });
    await eventually(() => expect(fakeUpdater.autoDownload).toBe(false));
    app.emit('before-quit', { preventDefault() {} });
    await eventually(() => expect(app.quitCalls).toBe(1));
    expect(fakeUpdater.installs).toEqual([]);
  }, 60_000);
});

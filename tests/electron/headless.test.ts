import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { createKeychainKeyCipher } from '../../main/electron/engine-host/key-cipher.js';
import { handOffDir, newHandOffRequest, readHandOffRequest, waitForHandOff, type HandOffRequest } from '../../main/electron/headless/hand-off.js';
import { parseHeadlessArgs } from '../../main/electron/headless/headless-args.js';
import { runHeadless } from '../../main/electron/headless/run-headless.js';
import { createHandOffServer } from '../../main/electron/headless/serve-hand-off.js';
import { openDataKey, SEALED_KEY_FILE } from '../../main/electron/keychain-key.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';
import { createConsoleLogger } from '../../main/logging/logger.js';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { SEEDED, writeCsv } from '../helpers/sync-env.js';
import log from '../helpers/electron/fake-electron-log.js';
import { app, resetFakes, safeStorage, utilityProcess } from '../helpers/electron/fake-electron.js';
import { startFakeApp, stopFakeApps } from '../helpers/electron/start-fake-app.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

const quiet = createConsoleLogger({ quiet: true });
let userData: string;
let sim: SimulatorHandle | undefined;
const lines: Array<{ line: string; isError: boolean }> = [];
const print = (line: string, isError: boolean) => void lines.push({ line, isError });

beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-headless-'));
  app.userData = userData;
  lines.length = 0;
});
afterEach(async () => {
  vi.restoreAllMocks();
  resetFakes();
  await sim?.close();
  sim = undefined;
  fs.rmSync(userData, { recursive: true, force: true });
});

/** The app's database as the app leaves it: secrets sealed under the keychain key, the simulator connected, an import mapped. */
async function prepareDatabase(): Promise<string> {
  sim = await startSimulator({ port: 0 });
  const key = openDataKey(safeStorage, userData, quiet);
  if (key.kind !== 'key') throw new Error('no key');
  const dbPath = path.join(userData, 'barsy-sync.sqlite');
  const ctx = createAppContext({ dbPath, cipher: createKeychainKeyCipher(key.key, userData) });
  try {
    const dispatch = createDispatcher(handlers, ctx);
    ctx.settings.set('mailchimp.apiKey', sim.apiKey);
    ctx.settings.set('mailchimp.baseUrl', sim.baseUrl);
    ctx.settings.set('mailchimp.listId', sim.listId);
    ctx.settings.set('report.email', 'owner@magazin.bg');
    for (const [channel, req] of [['import:run', { path: writeCsv(userData, SEEDED) }], ['mapping:auto', {}]] as const) {
      const res = await dispatch(channel, req);
      if (!res.ok) throw new Error(JSON.stringify(res.error));
    }
  } finally {
    await ctx.close();
  }
  return dbPath;
}

describe('headless mode flags', () => {
  it('--sync switches to headless; --watch and --quiet only refine it', () => {
    expect(parseHeadlessArgs(['app.exe', '--sync', '--watch', '--quiet'])).toEqual({ watch: true, quiet: true });
    expect(parseHeadlessArgs(['electron', '.', '--sync'])).toEqual({ watch: false, quiet: false });
    expect(parseHeadlessArgs(['app.exe', '--watch', '--quiet'])).toBeNull();
    expect(parseHeadlessArgs(['app.exe'])).toBeNull();
    expect(parseHeadlessArgs(['--sync'])).toBeNull(); // argv[0] is the executable, never a flag
  });
});

describe('<app> --sync without a running instance', () => {
  it('unseals the secrets with the keychain, runs the engine in its utility process, logs, and exits 0', async () => {
    const dbPath = await prepareDatabase();
    const lock = vi.spyOn(app, 'requestSingleInstanceLock');
    const code = await runHeadless({ mainDir: path.join(userData, 'out', 'main'), args: { watch: true, quiet: false }, env: { BARSY_SYNC_LANG: 'en' }, print });
    expect(code).toBe(0);
    expect(readHandOffRequest(lock.mock.calls[0]![0 as never])).toMatchObject({ barsyHeadless: 1, watch: true });
    expect(utilityProcess.forks).toHaveLength(1);
    expect(utilityProcess.forks[0]!.requested).toBe(path.join(userData, 'out', 'main', 'engine-host.js'));
    const db = new Database(dbPath, { readonly: true });
    try {
      const runs = db.prepare('SELECT id, status, automatic FROM sync_runs').all();
      expect(runs).toEqual([{ id: 1, status: 'completed', automatic: 1 }]);
      // The key was readable only through the keychain: sealed with the data key, no file-key copy.
      const secret = db.prepare("SELECT value, scheduled_copy FROM settings WHERE key = 'mailchimp.apiKey'").get() as { value: string; scheduled_copy: string | null };
      expect(secret.value.startsWith('kc1:')).toBe(true);
      expect(secret.scheduled_copy).toBeNull();
    } finally {
      db.close();
    }
    expect(lines).toEqual([{ line: 'The sync finished (#1).', isError: false }]);
    expect(log.written.some((w) => w.text.includes('headless run finished'))).toBe(true);
    expect(log.written.map((w) => w.text).join('\n')).not.toContain(sim!.apiKey);
  }, 120_000);

  it('stops with one clear line and exit 1 when the keychain refuses, never asking and never starting the engine', async () => {
    openDataKey(safeStorage, userData, quiet);
    expect(fs.existsSync(path.join(userData, SEALED_KEY_FILE))).toBe(true);
    safeStorage.refuseNext = 100;
    const code = await runHeadless({ mainDir: userData, args: { watch: false, quiet: false }, env: { BARSY_SYNC_LANG: 'en' }, print });
    expect(code).toBe(1);
    expect(utilityProcess.forks).toHaveLength(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.isError).toBe(true);
    expect(lines[0]!.line).toMatch(/^Saved secrets cannot be decrypted here/);
  });

  it('--quiet prints nothing, and the exit code still tells (1: Mailchimp not connected)', async () => {
    const code = await runHeadless({ mainDir: userData, args: { watch: false, quiet: true }, env: {}, print });
    expect(code).toBe(1);
    expect(lines).toEqual([]);
  }, 60_000);
});

describe('<app> --sync while the app is open (single-instance hand-off)', () => {
  it('the running instance does the job and this process exits with its result', async () => {
    const dbPath = await prepareDatabase();
    app.gotLock = false;
    // The running instance: its own engine (here the dispatcher in-process) and its second-instance listener.
    const ctx = createAppContext({ dbPath, cipher: createKeychainKeyCipher((openDataKey(safeStorage, userData, quiet) as { key: Buffer }).key, userData) });
    const serve = createHandOffServer({ call: createDispatcher(handlers, ctx), userData, logger: quiet, onOther: () => lines.push({ line: 'focused', isError: false }) });
    vi.spyOn(app, 'requestSingleInstanceLock').mockImplementation((data?: unknown) => {
      setTimeout(() => serve({}, ['app.exe', '--sync'], '/', data as HandOffRequest), 50);
      return false;
    });
    try {
      const code = await runHeadless({ mainDir: userData, args: { watch: false, quiet: false }, env: { BARSY_SYNC_LANG: 'en' }, print, wait: { pollMs: 20 } });
      expect(code).toBe(0);
      expect(utilityProcess.forks).toHaveLength(0); // this process started no engine
      expect(lines).toEqual([{ line: 'The sync finished (#1).', isError: false }]);
      expect(ctx.db.prepare('SELECT status, automatic FROM sync_runs').all()).toEqual([{ status: 'completed', automatic: 1 }]);
      // The answer files are gone; a plain second start only focuses the window.
      expect(fs.readdirSync(handOffDir(userData))).toEqual([]);
      serve({}, ['app.exe'], '/', undefined);
      serve({}, ['app.exe'], '/', { barsyHeadless: 1, nonce: '../../etc/passwd', watch: true });
      expect(lines.filter((l) => l.line === 'focused')).toHaveLength(2);
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it('does the work itself when the running instance never takes it (an older version)', async () => {
    app.gotLock = false;
    const code = await runHeadless({ mainDir: userData, args: { watch: false, quiet: false }, env: { BARSY_SYNC_LANG: 'en' }, print, wait: { acceptMs: 200, pollMs: 20 } });
    expect(utilityProcess.forks).toHaveLength(1);
    expect(code).toBe(1);
    expect(lines).toEqual([{ line: expect.stringMatching(/^Mailchimp is not connected/), isError: true }]);
  }, 60_000);
});

describe('the open app serves a headless start', () => {
  afterEach(stopFakeApps);

  it('startApp answers a scheduled start from second-instance through its own engine, and still focuses on a plain one', async () => {
    const { userData: appData, win } = await startFakeApp();
    const request = newHandOffRequest({ watch: true, quiet: true });
    app.emit('second-instance', {}, ['app.exe', '--sync', '--watch'], '/', request);
    const result = await waitForHandOff(appData, request.nonce, { pollMs: 20, acceptMs: 5_000 });
    // Nothing is set up in this fresh app: the job ran in its engine and says what is missing.
    expect(result).toEqual({ exitCode: 1, error: { code: 'mailchimp_not_configured', params: {} }, runIds: [] });
    const focus = vi.spyOn(win, 'focus');
    app.emit('second-instance', {}, ['app.exe'], '/', undefined);
    expect(focus).toHaveBeenCalled();
  }, 60_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { BarsyApi } from '../../shared/ipc-contract.js';

const PRODUCT = 'Barsy Mailchimp Sync';
// The release workflow points this at dist-smoke/: the build of the same commit whose inspect fuse is
// open, because Playwright's _electron attaches with --inspect (the shipped dist/ build refuses it).
const DIST = path.resolve(import.meta.dirname, '../..', process.env.SMOKE_DIST ?? 'dist');
// The shipped build (inspect fuse closed), which must refuse to be driven that way.
const SHIPPED = path.resolve(import.meta.dirname, '../..', process.env.SMOKE_SHIPPED_DIST ?? 'dist');

/** The executable electron-builder left unpacked in a build folder (SMOKE_APP overrides the smoke build). */
function packagedApp(dist = DIST): string {
  if (process.env.SMOKE_APP && dist === DIST) return process.env.SMOKE_APP;
  const candidates =
    process.platform === 'win32'
      ? [path.join(dist, 'win-unpacked', `${PRODUCT}.exe`)]
      : ['mac-arm64', 'mac', 'mac-universal'].map((d) => path.join(dist, d, `${PRODUCT}.app`, 'Contents', 'MacOS', PRODUCT));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no packaged app in ${dist}: run "npm run dist" first (networked machine only)`);
  return found;
}

test('the packaged app starts sandboxed and answers through the preload bridge', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-smoke-'));
  const dbPath = path.join(dataDir, 'barsy-sync.sqlite');
  const app = await electron.launch({ executablePath: packagedApp(), env: { ...process.env, BARSY_SYNC_DB: dbPath } });
  try {
    const win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
    expect(await win.title()).not.toBe('');

    // The page has no Node: sandboxed, context-isolated.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await win.evaluate(() => Object.keys((globalThis as unknown as { barsy: BarsyApi }).barsy).sort())).toEqual([
      'fileRef',
      'invoke',
      'on',
      'onOpenFile',
      'pickFile',
      'saveFile',
    ]);
    // A path typed by the page is refused: files reach main only as tokens of a dialog or a drop.
    const probe = await win.evaluate(() => (globalThis as unknown as { barsy: BarsyApi }).barsy.invoke('import:preview', { path: '/etc/hosts' }));
    expect(probe).toMatchObject({ ok: false, error: { code: 'file_reference_refused' } });

    // The engine (utility process + better-sqlite3 rebuilt for Electron) answers over IPC.
    const info = await win.evaluate(() => (globalThis as unknown as { barsy: BarsyApi }).barsy.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, value: { dbPath } });
    const unknown = await win.evaluate(() => (globalThis as unknown as { barsy: BarsyApi }).barsy.invoke('fs:read' as 'app:info', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ipc_unknown_channel' } });

    // A secret is stored encrypted (the keychain on Windows and macOS).
    const set = await win.evaluate(() =>
      (globalThis as unknown as { barsy: BarsyApi }).barsy.invoke('settings:set', { key: 'smtp.pass', value: 'smoke-test-secret' }),
    );
    expect(set).toMatchObject({ ok: true, value: { secretsSet: { 'smtp.pass': true }, secretStorage: 'os-keychain' } });

    // An export goes through main's save dialog (stubbed here in main) and is written there.
    const target = path.join(dataDir, 'export.csv');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, target);
    const saved = await win.evaluate(() =>
      (globalThis as unknown as { barsy: BarsyApi }).barsy.saveFile({ suggestedName: 'run-1.csv', content: 'Имейл\r\nivan@abv.bg\r\n', kind: 'csv' }),
    );
    expect(saved).toEqual({ ok: true, value: { saved: true, fileName: 'export.csv' } });
    expect(fs.readFileSync(target, 'utf8')).toBe('Имейл\r\nivan@abv.bg\r\n');

    // Main-process state: one window, and window.open is denied.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await win.evaluate(() => void (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'));
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the shipped build (fuses closed) cannot be driven through --inspect', async () => {
  const shipped = packagedApp(SHIPPED);
  // The workflow builds the two apart (dist/ shipped, dist-smoke/ with the inspect fuse open).
  expect(shipped).not.toBe(packagedApp());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-fused-'));
  try {
    // Playwright waits for the Node inspector the closed fuse never opens: the launch must fail.
    await expect(
      electron.launch({ executablePath: shipped, env: { ...process.env, BARSY_SYNC_DB: path.join(dataDir, 'barsy-sync.sqlite') }, timeout: 20_000 }),
    ).rejects.toThrow();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keychainAvailable, obtainDataKey, openDataKey, resetDataKey, SEALED_KEY_FILE, type RefusedChoice } from '../../main/electron/keychain-key.js';
import { askKeychainRefused } from '../../main/electron/native.js';
import { createKeychainKeyCipher } from '../../main/electron/engine-host/key-cipher.js';
import { app, BrowserWindow, dialog, resetFakes, safeStorage } from '../helpers/electron/fake-electron.js';
import { callFromWindow, stopFakeApps } from '../helpers/electron/start-fake-app.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dirs: string[] = [];
afterEach(async () => {
  await stopFakeApps();
  resetFakes();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-keychain-'));
  dirs.push(d);
  return d;
};
const sealedFile = (d: string) => path.join(d, SEALED_KEY_FILE);
const keyOf = (r: ReturnType<typeof openDataKey>) => (r.kind === 'key' ? r.key : null);

describe('the sealed data key', () => {
  it('is made once on a first start, sealed by safeStorage, written atomically for the owner only, and read back', () => {
    const d = tmp();
    const key = keyOf(openDataKey(safeStorage, d, quiet));
    expect(key).toHaveLength(32);
    const onDisk = fs.readFileSync(sealedFile(d));
    expect(onDisk.subarray(0, 14).toString()).toBe('FAKE-KEYCHAIN:');
    expect(onDisk.includes(Buffer.from(key!.toString('base64')))).toBe(false);
    expect(fs.readdirSync(d)).toEqual([SEALED_KEY_FILE]); // no temporary file left
    if (process.platform !== 'win32') expect(fs.statSync(sealedFile(d)).mode & 0o777).toBe(0o600);
    expect(keyOf(openDataKey(safeStorage, d, quiet))?.equals(key!)).toBe(true);
    expect(safeStorage.sealed).toBe(1);
  });

  it('is not used when the keychain is unavailable or only basic_text (file-key fallback)', () => {
    const d = tmp();
    safeStorage.available = false;
    expect(openDataKey(safeStorage, d, quiet)).toEqual({ kind: 'none' });
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect(keychainAvailable(safeStorage)).toBe(false);
    expect(openDataKey(safeStorage, d, quiet)).toEqual({ kind: 'none' });
    expect(fs.existsSync(sealedFile(d))).toBe(false);
  });

  it('is never replaced when the keychain refuses it: denied, sealed elsewhere, or the keychain gone', () => {
    const d = tmp();
    const key = keyOf(openDataKey(safeStorage, d, quiet))!;
    const before = fs.readFileSync(sealedFile(d));

    safeStorage.refuseNext = 1; // the user pressed "Deny"
    expect(openDataKey(safeStorage, d, quiet)).toMatchObject({ kind: 'refused' });
    safeStorage.available = false; // the keychain is locked or gone
    expect(openDataKey(safeStorage, d, quiet)).toEqual({ kind: 'refused', reason: 'keychain unavailable' });
    safeStorage.available = true;
    expect(fs.readFileSync(sealedFile(d)).equals(before)).toBe(true);
    expect(keyOf(openDataKey(safeStorage, d, quiet))?.equals(key)).toBe(true);

    const other = tmp();
    fs.writeFileSync(sealedFile(other), 'sealed by another signature');
    expect(openDataKey(safeStorage, other, quiet)).toMatchObject({ kind: 'refused' });
    expect(fs.readFileSync(sealedFile(other), 'utf8')).toBe('sealed by another signature');
    expect(safeStorage.sealed).toBe(1);
  });
});

describe('when the keychain refuses', () => {
  const answers = (...choices: RefusedChoice[]) => {
    const asked: RefusedChoice[] = [];
    const ask = async (): Promise<RefusedChoice> => {
      const choice = choices[asked.length] ?? 'quit';
      asked.push(choice);
      return choice;
    };
    return { asked, ask };
  };

  it('"try again" after a denied prompt gets the same key back: every secret stays readable', async () => {
    const d = tmp();
    const key = keyOf(openDataKey(safeStorage, d, quiet))!;
    const secret = createKeychainKeyCipher(key, d).encrypt('smtp-Pa55');
    safeStorage.refuseNext = 2;
    const user = answers('retry', 'retry');
    const got = await obtainDataKey(safeStorage, d, quiet, user.ask);
    expect(user.asked).toEqual(['retry', 'retry']);
    expect(Buffer.isBuffer(got) && got.equals(key)).toBe(true);
    expect(createKeychainKeyCipher(got as Buffer, d).decrypt(secret)).toBe('smtp-Pa55');
  });

  it('"quit" changes nothing; only an explicit reset makes a new key, and the old one is kept as a backup', async () => {
    const d = tmp();
    const key = keyOf(openDataKey(safeStorage, d, quiet))!;
    const before = fs.readFileSync(sealedFile(d));
    safeStorage.refuseNext = 1;
    expect(await obtainDataKey(safeStorage, d, quiet, answers('quit').ask)).toBe('quit');
    expect(fs.readdirSync(d)).toEqual([SEALED_KEY_FILE]);

    safeStorage.refuseNext = 1;
    const fresh = await obtainDataKey(safeStorage, d, quiet, answers('reset').ask);
    expect(Buffer.isBuffer(fresh) && !fresh.equals(key)).toBe(true);
    const backups = fs.readdirSync(d).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(d, backups[0]!)).equals(before)).toBe(true);
    expect(keyOf(openDataKey(safeStorage, d, quiet))?.equals(fresh as Buffer)).toBe(true);
  });

  it('a reset without a usable keychain moves the key aside and falls back to the file key', () => {
    const d = tmp();
    openDataKey(safeStorage, d, quiet);
    safeStorage.available = false;
    expect(resetDataKey(safeStorage, d, quiet, new Date('2026-12-05T20:00:00Z'))).toBeNull();
    expect(fs.readdirSync(d)).toEqual([`${SEALED_KEY_FILE}.2026-12-05T20-00-00-000Z.bak`]);
    expect(openDataKey(safeStorage, d, quiet)).toEqual({ kind: 'none' });
  });

  it('asks in the user\'s language, and a reset needs a second, explicit confirmation', async () => {
    dialog.responses = [1, 1, 0];
    expect(await askKeychainRefused('bg')).toBe('retry'); // reset → cancelled → try again
    expect(dialog.boxes).toHaveLength(3);
    expect(dialog.boxes[0]).toMatchObject({ buttons: ['Опитай отново', 'Нулиране на тайните…', 'Изход'] });
    expect(dialog.boxes[0]?.message).toMatch(/ключодържател/);
    expect(dialog.boxes[1]).toMatchObject({ buttons: ['Нулиране', 'Отказ'] });
    dialog.boxes = [];
    dialog.responses = [1, 0];
    expect(await askKeychainRefused('en')).toBe('reset');
    expect(dialog.boxes[0]?.detail).toMatch(/not deleted/);
    dialog.responses = [2];
    expect(await askKeychainRefused('en')).toBe('quit');
  });
});

describe('the app start when the keychain refuses', () => {
  it('keeps the key and the stored secrets after "try again", and starts nothing after "quit"', async () => {
    const { startApp } = await import('../../main/electron/app-main.js');
    const userData = tmp();
    app.userData = userData;
    const mainDir = path.join(userData, 'app', 'out', 'main');
    const first = await startApp({ mainDir, env: {}, platform: 'win32' });
    const win = BrowserWindow.created[0]!;
    await callFromWindow(win, 'settings:set', { key: 'smtp.pass', value: 'hunter22-secret' });
    await first!.engine.shutdown(2000);
    const sealed = fs.readFileSync(sealedFile(userData));
    resetFakes();

    // Second start: the keychain prompt is denied once, the user presses "try again" and allows it.
    app.userData = userData;
    safeStorage.refuseNext = 1;
    dialog.responses = [0];
    const second = await startApp({ mainDir, env: {}, platform: 'win32' });
    expect(dialog.boxes).toHaveLength(1);
    expect(fs.readFileSync(sealedFile(userData)).equals(sealed)).toBe(true);
    const view = await callFromWindow(BrowserWindow.created[0]!, 'settings:get', {});
    expect(view).toMatchObject({ ok: true, value: { secretStorage: 'os-keychain', secretsSet: { 'smtp.pass': true } } });
    await second!.engine.shutdown(2000);
    // The stored password opens with the key the keychain still holds.
    const key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
    const db = new Database(path.join(userData, 'barsy-sync.sqlite'), { readonly: true });
    const row = db.prepare("SELECT value FROM settings WHERE key = 'smtp.pass'").get() as { value: string };
    db.close();
    expect(createKeychainKeyCipher(key, userData).decrypt(row.value)).toBe('hunter22-secret');
    resetFakes();

    // Third start: refused, the user quits: no window, no engine, nothing changed on disk.
    app.userData = userData;
    safeStorage.refuseNext = 1;
    dialog.responses = [2];
    expect(await startApp({ mainDir, env: {}, platform: 'win32' })).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toEqual([]);
    expect(fs.readFileSync(sealedFile(userData)).equals(sealed)).toBe(true);
    expect(fs.readdirSync(userData).filter((f) => f.endsWith('.bak'))).toEqual([]);
  }, 60_000);
});

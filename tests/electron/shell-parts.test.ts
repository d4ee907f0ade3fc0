import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../main/electron/menu.js';
import { notifySyncFinished, showAbout } from '../../main/electron/native.js';
import { createAppLog, LOG_MAX_BYTES } from '../../main/electron/logging.js';
import { registerSecret } from '../../main/logging/logger.js';
import { createKeychainKeyCipher } from '../../main/electron/engine-host/key-cipher.js';
import { createFileKeyCipher } from '../../main/settings/secret-cipher.js';
import { dialog, ipcMain, Notification, resetFakes } from '../helpers/electron/fake-electron.js';
import log, { simulateImport } from '../helpers/electron/fake-electron-log.js';
import { sampleRunSummary } from '../helpers/electron/samples.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

let dir = '';
afterEach(() => {
  resetFakes();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const tmp = () => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-parts-')));

type Item = { label?: string; role?: string; id?: string; submenu?: Item[]; click?: () => void };
const labels = (items: Item[]): string[] => items.flatMap((i) => [i.label ?? `(${i.role ?? 'separator'})`, ...labels(i.submenu ?? [])]);

describe('application menu', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    importCsv: () => calls.push('import'),
    openDataFolder: () => calls.push('data'),
    openLogsFolder: () => calls.push('logs'),
    about: () => calls.push('about'),
  };

  it('is in Bulgarian or English, with every item labelled', () => {
    const bg = buildMenuTemplate('bg', actions, { platform: 'win32', devTools: false }) as Item[];
    const en = buildMenuTemplate('en', actions, { platform: 'win32', devTools: false }) as Item[];
    expect(bg.map((m) => m.label)).toEqual(['Файл', 'Редактиране', 'Изглед', 'Прозорец', 'Помощ']);
    expect(en.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(bg)).toContain('Импорт на CSV…');
    expect(labels(bg)).toContain('Отвори папката с данни');
    expect(labels(en)).toContain('Open data folder');
    expect(labels(bg).filter((l) => l.startsWith('(') && l !== '(separator)')).toEqual([]);
    expect(labels(bg).some((l) => /Developer|разработчици/.test(l))).toBe(false);
  });

  it('has the macOS app menu there, and developer tools only outside a packaged app', () => {
    const mac = buildMenuTemplate('en', actions, { platform: 'darwin', devTools: true }) as Item[];
    expect(mac.map((m) => m.label)).toEqual(['Barsy Mailchimp Sync', 'File', 'Edit', 'View', 'Window']);
    expect(labels(mac)).toContain('Developer tools');
  });

  it('runs the actions', () => {
    const items = (buildMenuTemplate('en', actions, { platform: 'linux', devTools: false }) as Item[]).flatMap((m) => m.submenu ?? []);
    for (const id of ['import-csv', 'open-data-folder', 'open-logs-folder', 'about']) items.find((i) => i.id === id)?.click?.();
    expect(calls).toEqual(['import', 'data', 'logs', 'about']);
  });
});

describe('notification and about box', () => {
  it('names how the run ended, in the UI language', () => {
    notifySyncFinished(sampleRunSummary({ status: 'failed' }), 'en', () => undefined);
    notifySyncFinished(sampleRunSummary({ dryRun: true }), 'bg', () => undefined);
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['Sync failed', 'Пробното пускане завърши']);
    expect(Notification.shown[0]?.options.body).toBe('Клиенти: Added: 1, updated: 1, unchanged: 0, skipped: 1, failed: 0');
    Notification.supported = false;
    notifySyncFinished(sampleRunSummary(), 'bg', () => undefined);
    expect(Notification.shown).toHaveLength(2);
  });

  it('shows the version, data folder and how secrets are kept', async () => {
    await showAbout(null, 'en', { version: '0.1.0', dataDir: '/data', secretStorage: 'fallback-file-key' });
    expect(dialog.boxes[0]?.message).toBe('Barsy Mailchimp Sync');
    expect(dialog.boxes[0]?.detail).toContain('Version: 0.1.0');
    expect(dialog.boxes[0]?.detail).toContain('Data folder: /data');
    expect(dialog.boxes[0]?.detail).toContain('key file in the data folder');
  });
});

describe('keychain-key cipher', () => {
  it('seals new values with the data key and still opens values the CLI sealed with the file key', () => {
    const d = tmp();
    const key = crypto.randomBytes(32);
    const cipher = createKeychainKeyCipher(key, d);
    const sealed = cipher.encrypt('Pa55-секрет');
    expect(sealed.startsWith('kc1:')).toBe(true);
    expect(cipher.decrypt(sealed)).toBe('Pa55-секрет');
    expect(cipher.decrypt(createFileKeyCipher(d).encrypt('from the CLI'))).toBe('from the CLI');
    expect(() => createKeychainKeyCipher(crypto.randomBytes(32), d).decrypt(sealed)).toThrow();
    expect(() => createKeychainKeyCipher(Buffer.alloc(16), d)).toThrow(/32 bytes/);
  });
});

describe('logs', () => {
  it('go to userData/logs/main.log, rotated, with secrets and API keys redacted', () => {
    simulateImport();
    const d = tmp();
    const appLog = createAppLog(path.join(d, 'logs'), { console: false });
    expect(log.transports.file.resolvePathFn?.()).toBe(path.join(d, 'logs', 'main.log'));
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(log.transports.console.level).toBe(false);
    expect(ipcMain.listenerCount('__ELECTRON_LOG__')).toBe(0);
    expect(ipcMain.handlers.has('__ELECTRON_LOG__')).toBe(false);

    registerSecret('smtp-Pa55word!');
    appLog.logger.error('connect failed', { apiKey: '0123456789abcdef0123456789abcdef-us6', pass: 'smtp-Pa55word!' });
    appLog.write('warn', 'host says key=fedcba9876543210fedcba9876543210-us21');
    log.info('direct call with smtp-Pa55word! inside');
    const text = log.written.map((w) => w.text).join('\n');
    expect(text).not.toContain('0123456789abcdef0123456789abcdef-us6');
    expect(text).not.toContain('fedcba9876543210fedcba9876543210-us21');
    expect(text).not.toContain('smtp-Pa55word!');
    expect(text).toContain('[redacted-api-key]');
    expect(text).toContain('connect failed');
  });
});

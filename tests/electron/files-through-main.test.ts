import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channels, SAVE_FILE_MAX_BYTES, type ChannelName } from '../../shared/ipc-contract.js';
import { createFileTokens, FILE_FIELDS, resolveFileRefs } from '../../main/electron/file-tokens.js';
import { DIALOG_OPEN_CSV, FILE_REGISTER, FILE_SAVE } from '../../main/electron/ipc-bridge.js';
import { safeFileName } from '../../main/electron/save-file.js';
import { writeFileAtomic } from '../../main/electron/atomic-file.js';
import { dialog, FakeWebContents, ipcMain, session } from '../helpers/electron/fake-electron.js';
import { callFromWindow, startFakeApp, stopFakeApps, subFrame, trustedEvent } from '../helpers/electron/start-fake-app.js';
import { REPO } from '../helpers/electron/fork-port.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));
vi.mock('electron-log/main', () => import('../helpers/electron/fake-electron-log.js'));

afterEach(stopFakeApps);
const TOKEN = /^barsy-file:[0-9a-f]{32}$/;

/** A copy of a sample Barsy export in a folder of its own, and the folder. */
function sampleCopy(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-files-'));
  const file = path.join(dir, 'clients.csv');
  fs.copyFileSync(path.join(REPO, 'samples', 'clients-utf8.csv'), file);
  return { dir, file };
}

describe('exports through main (file:save)', () => {
  it('asks where to save with a safe suggested name, writes the file, and answers only its name', async () => {
    const { win, userData } = await startFakeApp();
    const target = path.join(userData, 'chosen', 'report-7.csv');
    fs.mkdirSync(path.dirname(target));
    dialog.nextSave = { canceled: false, filePath: target };
    const content = '\uFEFFИме;Имейл\r\nИван;ivan@abv.bg\r\n';
    const res = await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: '../../etc/run 7.csv', content, kind: 'csv' });
    expect(res).toEqual({ ok: true, value: { saved: true, fileName: 'report-7.csv' } });
    expect(fs.readFileSync(target, 'utf8')).toBe(content);
    // The dialog started in Downloads with the page's name stripped of its folders; a CSV filter.
    expect(dialog.saved[0]?.defaultPath).toBe(path.join(userData, 'run 7.csv'));
    expect(dialog.saved[0]?.filters).toEqual([{ name: 'CSV файл', extensions: ['csv'] }]);
    // Atomic: no temporary file left beside it; readable by the owner only.
    expect(fs.readdirSync(path.dirname(target))).toEqual(['report-7.csv']);
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file whole, and writes nothing when the user cancels', async () => {
    const { win, userData } = await startFakeApp();
    const target = path.join(userData, 'old.csv');
    fs.writeFileSync(target, 'old content that is longer than the new one');
    dialog.nextSave = { canceled: false, filePath: target };
    expect(await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'x.csv', content: 'new', kind: 'csv' })).toMatchObject({ ok: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');

    dialog.nextSave = { canceled: true };
    const before = fs.readdirSync(userData).sort();
    expect(await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'y.csv', content: 'z', kind: 'csv' })).toEqual({ ok: true, value: { saved: false } });
    expect(fs.readdirSync(userData).sort()).toEqual(before);
  });

  it('refuses content over the limit, in characters or in UTF-8 bytes, before any dialog', async () => {
    const { win } = await startFakeApp();
    dialog.nextSave = { canceled: false, filePath: path.join(os.tmpdir(), 'never-written.csv') };
    const tooLong = 'a'.repeat(SAVE_FILE_MAX_BYTES + 1);
    const res = (await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'big.csv', content: tooLong, kind: 'csv' })) as { ok: boolean; error: { code: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'export_too_large', params: { limit: '64.0 MB' } } });
    // Half as many Cyrillic letters pass the character check but are twice as many bytes.
    const cyrillic = 'я'.repeat(SAVE_FILE_MAX_BYTES / 2 + 1);
    const res2 = await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'big.csv', content: cyrillic, kind: 'csv' });
    expect(res2).toMatchObject({ ok: false, error: { code: 'export_too_large', params: { size: '64.0 MB' } } });
    expect(dialog.saved).toEqual([]);
    expect(fs.existsSync(path.join(os.tmpdir(), 'never-written.csv'))).toBe(false);
  });

  it('refuses a malformed request and a foreign sender', async () => {
    const { win } = await startFakeApp();
    const bad = await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'a.csv', content: 'x', kind: 'exe' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc_invalid_request' } });
    const extra = await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'a.csv', content: 'x', kind: 'csv', folder: '/etc' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'ipc_invalid_request' } });
    const foreign = { sender: win.webContents, senderFrame: subFrame(win, win.webContents.mainFrame.url) };
    await expect(ipcMain.invoke(FILE_SAVE, foreign, { suggestedName: 'a.csv', content: 'x', kind: 'csv' })).rejects.toThrow(/refused/);
    expect(dialog.saved).toEqual([]);
  });

  it('says which file could not be written (e.g. the folder is gone), as data', async () => {
    const { win, userData } = await startFakeApp();
    dialog.nextSave = { canceled: false, filePath: path.join(userData, 'no-such-folder', 'r.csv') };
    const res = await ipcMain.invoke(FILE_SAVE, trustedEvent(win), { suggestedName: 'r.csv', content: 'x', kind: 'csv' });
    expect(res).toEqual({ ok: false, error: { code: 'export_write_failed', params: { file: 'r.csv', detail: 'ENOENT' } } });
  });

  it('still refuses every browser download in the window session', async () => {
    await startFakeApp();
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    session.defaultSession.emit('will-download', event, {}, new FakeWebContents());
    expect(event.prevented).toBe(true);
  });
});

describe('safe names and atomic writes', () => {
  it('keeps a suggested name to a plain file name with the extension of its kind', () => {
    expect(safeFileName('run-12.csv', 'csv')).toBe('run-12.csv');
    expect(safeFileName('C:\\Users\\x\\report', 'html')).toBe('report.html');
    expect(safeFileName('..', 'text')).toBe('export.txt');
    expect(safeFileName('a<b>:c|d?.csv', 'csv')).toBe('a_b__c_d_.csv');
    expect(safeFileName('отчет 5.CSV', 'csv')).toBe('отчет 5.CSV');
  });

  it('leaves the old file whole when the write fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-atomic-'));
    try {
      const target = path.join(dir, 'f.txt');
      writeFileAtomic(target, 'first');
      fs.mkdirSync(path.join(dir, 'f.txt.dir'));
      // Renaming a file over a directory fails: the target keeps its content, no temp file remains.
      expect(() => writeFileAtomic(path.join(dir, 'f.txt.dir'), 'second')).toThrow();
      expect(fs.readFileSync(target, 'utf8')).toBe('first');
      expect(fs.readdirSync(dir).sort()).toEqual(['f.txt', 'f.txt.dir']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('no paths from the page: file tokens', () => {
  it('open dialog → token → import:preview resolves it in main; the same request with the raw path is refused', async () => {
    const { win } = await startFakeApp();
    const { dir, file } = sampleCopy();
    try {
      dialog.nextOpen = { canceled: false, filePaths: [file] };
      const token = (await ipcMain.invoke(DIALOG_OPEN_CSV, trustedEvent(win), 'csv')) as string;
      expect(token).toMatch(TOKEN);
      const preview = await callFromWindow(win, 'import:preview', { path: token });
      expect(preview).toMatchObject({ ok: true, value: { fileName: 'clients.csv' } });

      const raw = await callFromWindow(win, 'import:preview', { path: file });
      expect(raw).toEqual({ ok: false, error: { code: 'file_reference_refused', params: {} } });
      const forged = await callFromWindow(win, 'import:run', { path: token, representativesPath: 'barsy-file:' + '0'.repeat(32) });
      expect(forged).toEqual({ ok: false, error: { code: 'file_reference_refused', params: {} } });
      const probe = await callFromWindow(win, 'import:run', { path: '/etc/passwd' });
      expect(probe).toEqual({ ok: false, error: { code: 'file_reference_refused', params: {} } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a dropped file is registered by the preload and answered with a token; only existing files, absolute paths', async () => {
    const { win } = await startFakeApp();
    const { dir, file } = sampleCopy();
    try {
      const token = (await ipcMain.invoke(FILE_REGISTER, trustedEvent(win), file)) as string;
      expect(token).toMatch(TOKEN);
      const run = await callFromWindow(win, 'import:run', { path: token });
      expect(run).toMatchObject({ ok: true, value: { fileName: 'clients.csv' } });
      for (const bad of [dir, path.join(dir, 'missing.csv'), 'clients.csv', 42, null]) {
        expect(await ipcMain.invoke(FILE_REGISTER, trustedEvent(win), bad)).toBeNull();
      }
      const foreign = { sender: win.webContents, senderFrame: subFrame(win, win.webContents.mainFrame.url) };
      await expect(ipcMain.invoke(FILE_REGISTER, foreign, file)).rejects.toThrow(/refused/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('covers every request field of the contract that names a file', () => {
    const fileFields = (Object.keys(channels) as ChannelName[]).flatMap((c) => {
      const req = channels[c].request as unknown;
      const shape = req instanceof z.ZodObject ? (req.shape as Record<string, unknown>) : {};
      return Object.keys(shape)
        .filter((k) => /path|file|folder|dir/i.test(k))
        .map((k) => `${c}.${k}`);
    });
    const covered = Object.entries(FILE_FIELDS).flatMap(([c, fields]) => fields.map((f) => `${c}.${f}`));
    expect(fileFields.sort()).toEqual(covered.sort());
  });

  it('forgets the oldest tokens past the limit and never resolves anything but a token', () => {
    const tokens = createFileTokens(2);
    const a = tokens.issue('/a.csv');
    const b = tokens.issue('/b.csv');
    const c = tokens.issue('/c.csv');
    expect([tokens.resolve(a), tokens.resolve(b), tokens.resolve(c)]).toEqual([null, '/b.csv', '/c.csv']);
    expect(tokens.resolve('/b.csv')).toBeNull();
    expect(resolveFileRefs('import:preview', { path: b, encoding: 'auto' }, tokens)).toEqual({ ok: true, request: { path: '/b.csv', encoding: 'auto' } });
    expect(resolveFileRefs('settings:get', {}, tokens)).toEqual({ ok: true, request: {} });
  });

  it('the watched folder too: set only from the folder dialog’s token, a typed path is refused, empty stops watching', async () => {
    const { win } = await startFakeApp();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-folder-'));
    try {
      dialog.nextOpen = { canceled: false, filePaths: [folder] };
      const token = (await ipcMain.invoke(DIALOG_OPEN_CSV, trustedEvent(win), 'folder')) as string;
      expect(token).toMatch(TOKEN);
      const set = await callFromWindow(win, 'settings:set', { key: 'watch.folder', value: token });
      expect(set).toMatchObject({ ok: true, value: { values: { 'watch.folder': folder } } });

      const raw = await callFromWindow(win, 'settings:set', { key: 'watch.folder', value: os.homedir() });
      expect(raw).toEqual({ ok: false, error: { code: 'file_reference_refused', params: {} } });
      const cleared = await callFromWindow(win, 'settings:set', { key: 'watch.folder', value: '' });
      expect(cleared).toMatchObject({ ok: true });
      expect((cleared as { value: { values: Record<string, string> } }).value.values['watch.folder'] ?? '').toBe('');
      // Other settings are not paths and pass untouched.
      expect(await callFromWindow(win, 'settings:set', { key: 'ui.language', value: 'en' })).toMatchObject({ ok: true });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});

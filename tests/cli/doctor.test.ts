import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { listBackups } from '../../main/db/backups.js';
import { migrations } from '../../main/db/migrations/index.js';
import { openDatabase } from '../../main/db/open-database.js';

/** `barsy-sync doctor` as a user runs it: a real child process on a real database file. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-doctor-'));
  dirs.push(dir);
  return path.join(dir, 'barsy-sync.sqlite');
}

const cli = (db: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/barsy-sync.mjs', '--db', db, '--lang', 'en', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BARSY_SYNC_LANG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A database migrated from an old one (so it has a backup) holding one setting. */
function migratedWithBackup(file: string): string {
  const old = openDatabase(file, migrations.filter((m) => m.version <= 3));
  old.prepare("INSERT INTO settings (key, value, encrypted, updated_at) VALUES ('report.email', 'owner@abv.bg', 0, '')").run();
  old.close();
  openDatabase(file).close();
  return listBackups(file)[0]!;
}

describe('barsy-sync doctor', { timeout: 120_000 }, () => {
  it('finds nothing wrong with a healthy database', () => {
    const file = tempDb();
    migratedWithBackup(file);
    const r = cli(file, 'doctor');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Integrity check (quick_check): ok');
    expect(r.stdout).toContain(`Migrations: all ${migrations.length} applied`);
    expect(r.stdout).toContain('No problems found.');
  });

  it('finds damaged pages with quick_check, and restores the backup on request', () => {
    const file = tempDb();
    const backup = migratedWithBackup(file);
    // Fill a bunch of more pages, then damage one in the middle: the header and schema still read fine.
    const db = new Database(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    db.close();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    const damagedBytes = fs.readFileSync(file);

    const check = cli(file, 'doctor', '--json');
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { integrity: { ok: boolean; messages: string[] }; problems: string[]; backups: string[] };
    expect(report.integrity.ok).toBe(false);
    expect(report.problems).toEqual(['integrity']);
    expect(report.backups).toEqual([backup]);
    expect(check.stderr).toContain(`The latest backup is "${backup}"`);

    const restore = cli(file, 'doctor', '--restore');
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored from: ${backup}`);
    const kept = /The previous file was kept as: (.+)/.exec(restore.stdout)?.[1];
    expect(kept && fs.readFileSync(kept).equals(damagedBytes)).toBe(true);
    expect(restore.stdout).toContain('No problems found.');
    const restored = new Database(file, { readonly: true });
    expect(restored.prepare("SELECT value FROM settings WHERE key = 'report.email'").get()).toEqual({ value: 'owner@abv.bg' });
    expect(restored.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    restored.close();
  });

  it('restores a backup named on the command line over a file that is not a database at all', () => {
    const file = tempDb();
    const backup = migratedWithBackup(file);
    fs.writeFileSync(file, 'garbage'.repeat(1000));
    for (const side of ['-wal', '-shm']) fs.rmSync(`${file}${side}`, { force: true });
    expect(cli(file, 'settings', 'list').stderr).toContain(`The latest backup is "${backup}"`);
    const r = cli(file, 'doctor', '--restore', path.basename(backup), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ problems: [], restored: { restored: backup } });
    expect(cli(file, 'settings', 'get', 'report.email').stdout).toBe('owner@abv.bg\n');
  });

  it('refuses a backup that does not exist, changing nothing', () => {
    const file = tempDb();
    migratedWithBackup(file);
    const before = fs.readFileSync(file);
    const r = cli(file, 'doctor', '--restore', 'no-such-backup.sqlite');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('There is no backup "no-such-backup.sqlite". List the available ones with "barsy-sync doctor".\n');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('says when a stored secret cannot be read here', () => {
    const file = tempDb();
    const ctx = createAppContext({ dbPath: file });
    ctx.settings.set('smtp.pass', 'app-password-1');
    void ctx.close();
    // Another key file (e.g. the folder copied without it): the sealed password can no longer be opened.
    fs.writeFileSync(path.join(path.dirname(file), 'secret.key'), Buffer.alloc(32, 7).toString('base64'));
    const r = cli(file, 'doctor', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ secrets: { 'smtp.pass': 'unreadable', 'mailchimp.apiKey': 'not_set' }, problems: ['secrets_unreadable'] });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/domain/app-error.js';
import { formatError } from '../../shared/i18n/messages.js';
import { BACKUPS_KEPT, listBackups } from '../../main/db/backups.js';
import { migrations } from '../../main/db/migrations/index.js';
import { openDatabase } from '../../main/db/open-database.js';
import { createFileLogger } from '../../main/logging/logger.js';

/** A backup before every migration of an existing database; a damaged file reported with where the backup is. */

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-backup-'));
  dirs.push(dir);
  return path.join(dir, 'barsy-sync.sqlite');
}

/** An old database (first migrations only) holding one setting. */
function oldDatabase(file: string, upTo = 3): void {
  const db = openDatabase(file, migrations.filter((m) => m.version <= upTo));
  db.prepare("INSERT OR REPLACE INTO settings (key, value, encrypted, updated_at) VALUES ('report.email', 'owner@abv.bg', 0, '')").run();
  db.close();
}

/** Overwrites bytes of a closed database file (its WAL already checkpointed by close). */
function damage(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  fs.closeSync(fd);
}

describe('backup before a migration', () => {
  it('copies an old database into backups/ before migrating it, with the old schema and data', () => {
    const file = tempDb();
    oldDatabase(file);
    expect(listBackups(file)).toEqual([]);
    openDatabase(file).close();
    const [backup, ...rest] = listBackups(file);
    expect(rest).toEqual([]);
    expect(path.dirname(backup!)).toBe(path.join(path.dirname(file), 'backups'));
    const copy = new Database(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(3);
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'report.email'").get()).toEqual({ value: 'owner@abv.bg' });
    copy.close();
    if (process.platform !== 'win32') {
      expect(fs.statSync(backup!).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(backup!)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readdirSync(path.dirname(backup!)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('makes none for a new database or one already up to date', () => {
    const file = tempDb();
    openDatabase(file).close();
    openDatabase(file).close();
    expect(listBackups(file)).toEqual([]);
  });

  it(`keeps the newest ${BACKUPS_KEPT}`, () => {
    const file = tempDb();
    const versions = migrations.map((m) => m.version);
    oldDatabase(file, versions[0]);
    // Each step applies one more migration to an existing database, so each makes a backup.
    for (const v of versions.slice(1)) openDatabase(file, migrations.filter((m) => m.version <= v)).close();
    const backups = listBackups(file);
    expect(versions.length - 1).toBeGreaterThan(BACKUPS_KEPT);
    expect(backups).toHaveLength(BACKUPS_KEPT);
    // The newest backup is the state just before the last migration.
    const newest = new Database(backups[0]!, { readonly: true });
    expect(newest.pragma('user_version', { simple: true })).toBe(versions[versions.length - 2]);
    newest.close();
  });
});

describe('a damaged database', () => {
  it('is reported with what happened and the newest backup, and logged', () => {
    const file = tempDb();
    oldDatabase(file);
    openDatabase(file).close(); // migrates, so a backup exists
    const [backup] = listBackups(file);
    damage(file, 0, 100); // the header: SQLite no longer recognises the file
    const logFile = path.join(path.dirname(file), 'logs', 'test.log');
    let failure: AppFailure | undefined;
    try {
      openDatabase(file, migrations, { logger: createFileLogger(logFile) });
    } catch (err) {
      failure = err as AppFailure;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure!.appError).toEqual({ code: 'db_corrupt', params: { file, detail: 'file is not a database', backup } });
    expect(formatError(failure!.appError, 'bg')).toContain(`Последното резервно копие е „${backup}“`);
    expect(formatError(failure!.appError, 'en')).toContain(`The latest backup is "${backup}"`);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('[error] database damaged');
    expect(log).toContain(backup!);
  });

  it('without a backup, says there is none and where it would be', () => {
    const file = tempDb();
    fs.writeFileSync(file, 'this is not a database, it is a CSV someone saved over it;;;\n'.repeat(20));
    try {
      openDatabase(file);
      throw new Error('opened');
    } catch (err) {
      expect((err as AppFailure).appError).toMatchObject({ code: 'db_corrupt_no_backup', params: { file, backups: path.join(path.dirname(file), 'backups') } });
    }
  });
});

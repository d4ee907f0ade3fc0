import Database from 'better-sqlite3';
import fs from 'node:fs';
import { listBackups } from './backups.js';
import { appliedVersions } from './migrate.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

/** What `barsy-sync doctor` finds about the database file itself (the secrets are checked a layer up). */
export type DatabaseCheck = {
  file: string;
  exists: boolean;
  /** `PRAGMA quick_check`: ok, or SQLite's own lines (or the error that stopped it) when not. */
  integrity: { ok: boolean; messages: string[] };
  migrations: { applied: number[]; pending: number[]; unknown: number[] };
  /** Pre-migration backups, newest first. */
  backups: string[];
};

/** Checks a database without changing it: read-only, no migration, nothing created. */
export function checkDatabase(file: string, list: readonly Migration[] = allMigrations): DatabaseCheck {
  const result: DatabaseCheck = {
    file,
    exists: fs.existsSync(file),
    integrity: { ok: false, messages: [] },
    migrations: { applied: [], pending: [], unknown: [] },
    backups: listBackups(file),
  };
  if (!result.exists) return result;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const messages = rows.map((r) => r.quick_check);
    result.integrity = { ok: messages.length === 1 && messages[0] === 'ok', messages };
    const applied = [...appliedVersions(db)].sort((a, b) => a - b);
    const known = new Set(list.map((m) => m.version));
    result.migrations = {
      applied,
      pending: list.map((m) => m.version).filter((v) => !applied.includes(v)).sort((a, b) => a - b),
      unknown: applied.filter((v) => !known.has(v)),
    };
  } catch (err) {
    result.integrity = { ok: false, messages: [(err as Error).message] };
  } finally {
    db?.close();
  }
  return result;
}

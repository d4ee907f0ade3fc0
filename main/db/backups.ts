import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/domain/app-error.js';
import { ensureOwnerOnlyDir, restrictFile } from './file-modes.js';
import type { Db } from './database.js';

/**
 * Copies of the database in a `backups/` folder beside it: one made before every migration that
 * changes an existing database's schema (the newest few kept), and the damaged file set aside when a
 * backup is restored. Copies are made with `VACUUM INTO`, which writes a consistent, compact database
 * from a read snapshot, safe while other processes use the file.
 */

/** Pre-migration backups kept per database; older ones are deleted. */
export const BACKUPS_KEPT = 3;

const stemOf = (dbFile: string) => path.basename(dbFile).replace(/\.[^.]*$/, '');

/** The `backups/` folder of a database. */
export function backupsDirOf(dbFile: string): string {
  return path.join(path.dirname(dbFile), 'backups');
}

let sequence = 0;

/** A name that sorts by time; pid and sequence keep copies made in the same millisecond apart. */
function stampedName(dbFile: string, kind: 'backup' | 'damaged'): string {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  sequence += 1;
  return `${stemOf(dbFile)}-${kind}-${stamp}-${process.pid}-${String(sequence).padStart(4, '0')}.sqlite`;
}

/** Pre-migration backups of this database, newest first (full paths). */
export function listBackups(dbFile: string): string[] {
  const dir = backupsDirOf(dbFile);
  const prefix = `${stemOf(dbFile)}-backup-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

/** Writes a consistent copy of the open database into `backups/` (0600) and keeps the newest few. */
export function backupDatabase(db: Db, dbFile: string): string {
  const dir = backupsDirOf(dbFile);
  ensureOwnerOnlyDir(dir);
  const target = path.join(dir, stampedName(dbFile, 'backup'));
  const partial = `${target}.part`;
  db.prepare('VACUUM INTO ?').run(partial);
  restrictFile(partial);
  // Renamed only when complete, so a crash mid-copy never leaves a truncated file that looks like a backup.
  fs.renameSync(partial, target);
  for (const old of listBackups(dbFile).slice(BACKUPS_KEPT)) fs.rmSync(old, { force: true });
  return target;
}

/** The backup a restore means: the newest, a name inside `backups/`, or a path. */
function resolveBackup(dbFile: string, which: string | undefined): string {
  if (which === undefined) {
    const latest = listBackups(dbFile)[0];
    if (!latest) throw new AppFailure('db_backup_not_found', { backup: backupsDirOf(dbFile) });
    return latest;
  }
  const candidates = [path.resolve(which), path.join(backupsDirOf(dbFile), which)];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new AppFailure('db_backup_not_found', { backup: which });
  return found;
}

export type RestoreResult = { restored: string; damagedCopy?: string };

/**
 * Puts a backup in place of the database. The current file (with its WAL) is first copied aside as
 * `…-damaged-….sqlite` in `backups/`, and the old WAL and SHM are removed — left behind, SQLite would
 * replay the damaged file's WAL onto the restored one. Run it with no other process using the database.
 */
export function restoreBackup(dbFile: string, which?: string): RestoreResult {
  const source = resolveBackup(dbFile, which);
  ensureOwnerOnlyDir(backupsDirOf(dbFile));
  let damagedCopy: string | undefined;
  if (fs.existsSync(dbFile)) {
    damagedCopy = path.join(backupsDirOf(dbFile), stampedName(dbFile, 'damaged'));
    fs.copyFileSync(dbFile, damagedCopy);
    restrictFile(damagedCopy);
    if (fs.existsSync(`${dbFile}-wal`)) {
      fs.copyFileSync(`${dbFile}-wal`, `${damagedCopy}-wal`);
      restrictFile(`${damagedCopy}-wal`);
    }
  }
  const partial = `${dbFile}.restoring`;
  fs.copyFileSync(source, partial);
  restrictFile(partial);
  for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(`${dbFile}${side}`, { force: true });
  fs.renameSync(partial, dbFile);
  return { restored: source, ...(damagedCopy ? { damagedCopy } : {}) };
}

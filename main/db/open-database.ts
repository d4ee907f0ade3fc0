import Database from 'better-sqlite3';
import path from 'node:path';
import { AppFailure } from '../../shared/domain/app-error.js';
import { PRODUCT_NAME } from './data-dir.js';
import type { Db } from './database.js';
import { backupDatabase, backupsDirOf, listBackups } from './backups.js';
import { ensureOwnerOnlyDir, ensureOwnerOnlyFile, restrictFile } from './file-modes.js';
import { migrate, pendingMigrations, refuseNewerSchema } from './migrate.js';
import { migrations, type Migration } from './migrations/index.js';

export type { Db } from './database.js';

/** Where the database layer reports what went wrong (the app's or the CLI's logger; structural, no import upward). */
type DbLogger = { info(message: string, data?: unknown): void; error(message: string, data?: unknown): void };

export type OpenOptions = { logger?: DbLogger };

/**
 * How long a process waits for another one's lock. Opening waits longer: another process may be switching
 * the file to WAL or migrating it, and both must succeed. Afterwards a write waits 5 s, so a sync that
 * meets a database locked for longer (a big import elsewhere) ends `interrupted` and resumes later, rather
 * than stalling.
 */
const OPEN_BUSY_TIMEOUT_MS = 15_000;
const BUSY_TIMEOUT_MS = 5_000;

/** True for the errors SQLite gives when the file is not a database or its pages are damaged. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** The user's message for a damaged database: what happened, and where the newest backup is. */
export function corruptionFailure(file: string, err: unknown): AppFailure {
  const detail = (err as Error)?.message ?? String(err);
  const backup = listBackups(file)[0];
  return backup
    ? new AppFailure('db_corrupt', { file, detail, backup })
    : new AppFailure('db_corrupt_no_backup', { file, detail, backups: backupsDirOf(file) });
}

/** Sleeps synchronously: opening the database is synchronous, and the wait is for another process. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Switches to WAL. Changing the journal mode needs an exclusive lock and SQLite answers SQLITE_BUSY at
 * once, without the busy handler, when another process holds it (two processes opening a database in
 * rollback mode together), so it is retried here.
 */
function enableWal(db: Db): void {
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 150) throw err;
      pause(20 + Math.floor(Math.random() * 80));
    }
  }
}

/**
 * Brings the schema up to date. An existing database (one with applied migrations) that is about to
 * change gets a backup first, so a failed or unwanted upgrade can be undone with `barsy-sync doctor --restore`.
 */
function upgrade(db: Db, file: string, list: readonly Migration[], logger?: DbLogger): void {
  refuseNewerSchema(db, list, file);
  const pending = pendingMigrations(db, list);
  if (pending.length === 0) return;
  const existing = pending.length < list.length;
  if (file !== ':memory:' && existing) {
    const backup = backupDatabase(db, file);
    logger?.info('database backed up before migrating', { backup, pending: pending.map((m) => m.version) });
  }
  const applied = migrate(db, list);
  if (applied.length > 0) logger?.info('database migrated', { file, applied });
}

/**
 * Opens (creating if needed) the database in WAL mode and applies pending migrations. The file, its WAL
 * and SHM are 0600 and a folder created for it 0700. A damaged file ends in `AppFailure('db_corrupt')`
 * naming the newest backup (logged too), never in a generic error.
 */
export function openDatabase(file: string, list: Migration[] = migrations, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    const dir = path.dirname(file);
    ensureOwnerOnlyDir(dir, path.basename(dir) === PRODUCT_NAME);
    ensureOwnerOnlyFile(file);
    restrictFile(`${file}-wal`);
    restrictFile(`${file}-shm`);
  }
  let db: Db | undefined;
  try {
    db = new Database(file);
    // First, so every step below (the WAL switch, the migration lock) waits for another process.
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    enableWal(db);
    db.pragma('foreign_keys = ON');
    // WAL with NORMAL is durable across application crashes (not power loss), and much faster.
    db.pragma('synchronous = NORMAL');
    // A sync commits each batch of 500 with random-keyed mirror rows, dirtying hundreds of pages a time;
    // checkpointing every 1,000 pages (the default) meant a checkpoint and its fsyncs nearly every batch.
    // A checkpoint copies each page once however often the WAL holds it, and a sync of a large audience
    // rewrites the same index pages batch after batch: every 40,000 pages (~160 MB of WAL) recording a
    // batch cost about a third less than every 10,000 at 600k members (measured), and commits stay as durable.
    db.pragma('wal_autocheckpoint = 40000');
    upgrade(db, file, list, opts.logger);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (err) {
    db?.close();
    if (!isCorruptionError(err)) throw err;
    const failure = corruptionFailure(file, err);
    opts.logger?.error('database damaged', failure.appError.params);
    throw failure;
  }
}

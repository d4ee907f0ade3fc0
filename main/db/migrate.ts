import { AppFailure } from '../../shared/domain/app-error.js';
import type { Db } from './database.js';
import type { Migration } from './migrations/index.js';

/**
 * The migration runner. Several processes may open an old database at the same moment (the app, a
 * scheduled sync, the CLI): each migration runs in its own `BEGIN IMMEDIATE` transaction, which takes
 * the write lock before reading anything, and checks again inside it whether another process applied it
 * meanwhile. The busy timeout makes the late opener wait for the lock rather than fail, so both succeed
 * and each migration runs exactly once.
 */

const CREATE_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** Versions recorded as applied, or none when the database has no migration table yet. */
export function appliedVersions(db: Db): Set<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return new Set();
  return new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
}

/** Migrations of `list` not yet applied, in number order. */
export function pendingMigrations(db: Db, list: readonly Migration[]): Migration[] {
  const done = appliedVersions(db);
  return [...list].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}

/** Refuses a database written by a newer version of the app (it has migrations this one does not know). */
export function refuseNewerSchema(db: Db, list: readonly Migration[], file: string): void {
  const known = Math.max(0, ...list.map((m) => m.version));
  const found = Math.max(0, ...appliedVersions(db));
  if (found > known) throw new AppFailure('db_newer_than_app', { file, found, known });
}

/**
 * Applies every pending migration, each in its own immediate transaction, in number order. Applied
 * versions are recorded one by one (not as a single high-water mark) because domains own number ranges
 * (001–009, 010–019, …): a migration numbered below one already applied must still run. `user_version`
 * mirrors the highest applied number for quick inspection. Returns the versions this call applied.
 */
export function migrate(db: Db, list: readonly Migration[]): number[] {
  db.transaction(() => db.exec(CREATE_TABLE)).immediate();
  const isDone = db.prepare<[number]>('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applyOne = db.transaction((m: Migration): boolean => {
    if (isDone.get(m.version)) return false; // another process applied it while we waited for the lock
    db.exec(m.sql);
    record.run(m.version, m.name, new Date().toISOString());
    const top = db.pragma('user_version', { simple: true }) as number;
    if (m.version > top) db.pragma(`user_version = ${m.version}`);
    return true;
  });
  const applied: number[] = [];
  for (const m of pendingMigrations(db, list)) {
    if (applyOne.immediate(m)) applied.push(m.version);
  }
  return applied;
}

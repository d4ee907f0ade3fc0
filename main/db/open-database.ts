import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** Opens (creating if needed) the cache database in WAL mode and applies pending migrations. */
export function openDatabase(file: string, list: Migration[] = migrations): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // WAL with NORMAL is durable across application crashes (not power loss), and much faster.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  return db;
}

/**
 * Applies, each in its own transaction, every migration not yet recorded in `schema_migrations`, in
 * number order. Applied versions are recorded one by one (not as a single high-water mark) because
 * domains own number ranges (001–009, 010–019, …): a migration numbered below one already applied
 * must still run. `user_version` mirrors the highest applied number for quick inspection.
 */
export function migrate(db: Db, list: Migration[] = migrations): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      const top = db.pragma('user_version', { simple: true }) as number;
      if (m.version > top) db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

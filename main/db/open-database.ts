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

/** Applies, each in its own transaction, the migrations newer than the database's `user_version`. */
export function migrate(db: Db, list: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...list].sort((a, b) => a.version - b.version);
  let applied = current;
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied = m.version;
  }
  return applied;
}

import type Database from 'better-sqlite3';

/** An open better-sqlite3 connection (its own file so the database helpers can share it without a cycle). */
export type Db = Database.Database;

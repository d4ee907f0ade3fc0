import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database.js';
import { withBusyTimeout } from '../../main/db/busy-timeout.js';

describe('a write that may be skipped waits briefly for a lock', () => {
  let dir = '';
  const open: Db[] = [];
  afterEach(() => {
    open.splice(0).forEach((d) => d.close());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers SQLITE_BUSY after its own short wait while another connection holds the write lock, and keeps the 5 s timeout for the rest', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-busy-timeout-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    open.push(db);
    db.exec('CREATE TABLE beat (at INTEGER)');
    const other = new Database(file);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');

    const started = performance.now();
    let code: unknown;
    try {
      withBusyTimeout(db, 100, () => db.prepare('INSERT INTO beat VALUES (1)').run());
    } catch (err) {
      code = (err as { code?: unknown }).code;
    }
    // It waited (SQLite's busy handler sleeps in steps, so about) its 100 ms, not the connection's 5 s.
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(1_000);
    expect(code).toBe('SQLITE_BUSY');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);

    other.exec('COMMIT');
    withBusyTimeout(db, 100, () => db.prepare('INSERT INTO beat VALUES (2)').run());
    expect(db.prepare('SELECT at FROM beat').pluck().all()).toEqual([2]);
  });
});

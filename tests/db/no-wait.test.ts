import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database.js';
import { withoutBusyWait } from '../../main/db/no-wait.js';

describe('a write that may be skipped does not wait for a lock', () => {
  let dir = '';
  const open: Db[] = [];
  afterEach(() => {
    open.splice(0).forEach((d) => d.close());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers SQLITE_BUSY at once while another connection holds the write lock, and keeps the 5 s timeout for the rest', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-no-wait-'));
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
      withoutBusyWait(db, () => db.prepare('INSERT INTO beat VALUES (1)').run());
    } catch (err) {
      code = (err as { code?: unknown }).code;
    }
    // The connection's own timeout is 5 s: answering well under that means it did not wait.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(code).toBe('SQLITE_BUSY');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);

    other.exec('COMMIT');
    withoutBusyWait(db, () => db.prepare('INSERT INTO beat VALUES (2)').run());
    expect(db.prepare('SELECT at FROM beat').pluck().all()).toEqual([2]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';

describe('database', () => {
  it('opens a file database in WAL mode at the latest migration, idempotently', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-mig-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latest);
    again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has strictly increasing migration numbers', () => {
    const versions = migrations.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('migrations across number ranges', () => {
  it('applies a migration numbered below one already applied', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-mig-'));
    const file = path.join(dir, 'db.sqlite');
    const a = { version: 1, name: 'a', sql: 'CREATE TABLE a (x)' };
    const c = { version: 20, name: 'c', sql: 'CREATE TABLE c (x)' };
    const b = { version: 10, name: 'b', sql: 'CREATE TABLE b (x)' };
    openDatabase(file, [a, c]).close();
    const db = openDatabase(file, [a, b, c]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a','b','c') ORDER BY name").all();
    expect(tables).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../main/db/backups.js';
import { migrations } from '../../main/db/migrations/index.js';
import { openDatabase } from '../../main/db/open-database.js';

/** Two processes opening an old database at the same moment both succeed, and each migration runs once. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = path.join(ROOT, 'tests/db/fixtures/open-db-child.ts');
const ROUNDS = 20;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-mig-race-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Opened = { ok: boolean; version?: number; code?: string; message?: string };
type Child = { process: ChildProcess; open(file: string): Promise<Opened> };
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill()));

/** Starts a child and resolves once it has loaded the engine; `open` sends it a file and awaits its answer. */
async function startChild(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`child said ${String(first.value)}`);
  return {
    process: child,
    open: (file) => {
      const answer = lines.next().then((r) => JSON.parse(String(r.value)) as Opened);
      child.stdin!.write(`${file}\n`);
      return answer;
    },
  };
}

/** An old database: only the first migrations applied, with a little data, as an earlier version left it. */
function oldDatabase(file: string): void {
  const db = openDatabase(file, migrations.filter((m) => m.version <= 3));
  db.prepare("INSERT INTO settings (key, value, encrypted, updated_at) VALUES ('report.email', 'owner@abv.bg', 0, '')").run();
  db.close();
}

describe('two processes migrating an old database together', () => {
  it(`both succeed, ${ROUNDS} times in a row`, async () => {
    const latest = Math.max(...migrations.map((m) => m.version));
    const [a, b] = await Promise.all([startChild(), startChild()]);
    for (let round = 0; round < ROUNDS; round++) {
      const file = path.join(dir, `round-${round}.sqlite`);
      oldDatabase(file);
      // Both are loaded and waiting on stdin, so the two opens start within a millisecond or so.
      const results = await Promise.all([a.open(file), b.open(file)]);
      expect(results, `round ${round}`).toEqual([{ ok: true, version: latest }, { ok: true, version: latest }]);

      const db = new Database(file, { readonly: true });
      const versions = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => r.version);
      expect(versions).toEqual(migrations.map((m) => m.version).sort((x, y) => x - y));
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT value FROM settings WHERE key = 'report.email'").get()).toEqual({ value: 'owner@abv.bg' });
      db.close();
      // At least one pre-migration copy was made (both processes may make one; the newest few are kept).
      expect(listBackups(file).length).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { openDatabase } from '../../main/db/open-database.js';
import { createFileLogger } from '../../main/logging/logger.js';
import { startDemoSimulator } from '../../main/mailchimp/demo-simulator.js';

/** Only the owner can read the data: folders 0700, files 0600, whatever the umask (macOS, Linux). */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-modes-'));
  fs.chmodSync(dir, 0o755); // a folder others can list, as a user's own folders usually are
  dirs.push(dir);
  return dir;
}

beforeAll(() => {
  // The usual umask: without our modes, new files would be 0644 and folders 0755.
  process.umask(0o022);
});

describe.runIf(process.platform !== 'win32')('file modes', { timeout: 60_000 }, () => {
  it('a new data folder is 0700; the database, WAL, SHM and key file 0600', async () => {
    const dataDir = path.join(tempDir(), 'Barsy Mailchimp Sync');
    const db = path.join(dataDir, 'barsy-sync.sqlite');
    const ctx = createAppContext({ dbPath: db });
    ctx.settings.set('smtp.pass', 'app-password-1');
    expect(fs.existsSync(`${db}-wal`) && fs.existsSync(`${db}-shm`)).toBe(true);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const f of [db, `${db}-wal`, `${db}-shm`, path.join(dataDir, 'secret.key')]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    await ctx.close();
  });

  it('tightens files an older version left readable by everyone, and the app-data folder itself', () => {
    const dataDir = path.join(tempDir(), 'Barsy Mailchimp Sync');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    const file = path.join(dataDir, 'barsy-sync.sqlite');
    openDatabase(file).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(file, 0o644);
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x)');
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    db.close();
  });

  it('--db in a folder of the user: the files are 0600, the folder keeps its mode', () => {
    const folder = tempDir();
    const file = path.join(folder, 'shop.sqlite');
    const r = spawnSync(process.execPath, ['bin/barsy-sync.mjs', '--db', file, 'settings', 'set', 'report.email', 'owner@abv.bg'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(modeOf(folder)).toBe(0o755);
    expect(modeOf(file)).toBe(0o600);
    // The CLI's log beside it names what it did: 0600 in a 0700 folder.
    expect(modeOf(path.join(folder, 'logs'))).toBe(0o700);
    expect(modeOf(path.join(folder, 'logs', 'cli.log'))).toBe(0o600);
  });

  it('logs, also an old world-readable one and its rotated copy', () => {
    const logs = path.join(tempDir(), 'logs');
    fs.mkdirSync(logs, { mode: 0o755 });
    const file = path.join(logs, 'main.log');
    fs.writeFileSync(file, 'old line\n', { mode: 0o644 });
    const logger = createFileLogger(file, { maxBytes: 50 });
    logger.warn('first line long enough to rotate the file at fifty bytes');
    logger.warn('second');
    expect(modeOf(logs)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}.1`)).toBe(0o600);
  });

  it('the demo Mailchimp folder and its files', async () => {
    const dataDir = tempDir();
    const ctx = createAppContext({ dbPath: path.join(dataDir, 'barsy-sync.sqlite') });
    await startDemoSimulator(ctx);
    await ctx.close(); // writes the simulator's state file
    const demo = path.join(dataDir, 'demo-mailchimp');
    expect(modeOf(demo)).toBe(0o700);
    expect(modeOf(path.join(demo, 'demo.json'))).toBe(0o600);
    expect(modeOf(path.join(demo, 'state.json'))).toBe(0o600);
  });
});

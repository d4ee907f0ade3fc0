import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';

/** Secrets never on the command line: `settings set KEY -` reads standard input, a terminal gets a hidden prompt. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let sim: SimulatorHandle;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-cli-secrets-'));
  sim = await startSimulator({ port: 0, seed: 12 });
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (db: string, args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/barsy-sync.mjs', '--db', db, '--lang', 'en', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, BARSY_SYNC_LANG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The stored value as the engine reads it (decrypted). */
function stored(db: string, key: 'smtp.pass' | 'mailchimp.apiKey'): string | undefined {
  const ctx = createAppContext({ dbPath: db });
  try {
    return ctx.settings.get(key);
  } finally {
    void ctx.close();
  }
}

describe('settings set for secrets', () => {
  it('refuses a secret given as an argument, shows the right way and stores nothing', () => {
    const db = path.join(dir, 'refuse.sqlite');
    for (const key of ['smtp.pass', 'mailchimp.apiKey']) {
      const r = cli(db, ['settings', 'set', key, 'typed-on-the-command-line-1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"barsy-sync settings set ${key} -"`);
      expect(r.stderr).not.toContain('typed-on-the-command-line-1');
    }
    expect(cli(db, ['settings', 'get', 'smtp.pass']).stdout).toBe('(not set)\n');
  });

  it('still takes ordinary settings as arguments, and asks for "-" when there is no value and no terminal', () => {
    const db = path.join(dir, 'plain.sqlite');
    expect(cli(db, ['settings', 'set', 'report.email', 'owner@abv.bg']).code).toBe(0);
    expect(cli(db, ['settings', 'get', 'report.email']).stdout).toBe('owner@abv.bg\n');
    const r = cli(db, ['settings', 'set', 'report.email'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('No value for "report.email". Give it as an argument, or "-" to read it from standard input.\n');
  });

  it('reads the API key from standard input (one newline dropped) and a real Mailchimp call uses it', () => {
    const db = path.join(dir, 'stdin.sqlite');
    const set = cli(db, ['settings', 'set', 'mailchimp.apiKey', '-'], `${sim.apiKey}\n`);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(stored(db, 'mailchimp.apiKey')).toBe(sim.apiKey);
    expect(cli(db, ['settings', 'set', 'mailchimp.baseUrl', sim.baseUrl]).code).toBe(0);
    expect(cli(db, ['settings', 'set', 'mailchimp.listId', sim.listId]).code).toBe(0);
    expect(cli(db, ['import', 'samples/clients-cp1251.csv', '--json']).code).toBe(0);
    const before = sim.stats().byRoute['GET /lists/{list_id}/interest-categories'] ?? 0;
    // Auto-mapping reads the audience's groups from Mailchimp with the key that came through stdin.
    const map = cli(db, ['map', 'auto', '--json']);
    expect(map.stderr).toBe('');
    expect(map.code).toBe(0);
    expect(map.stdout).toContain('VIP');
    expect(sim.stats().byRoute['GET /lists/{list_id}/interest-categories']).toBeGreaterThan(before);
  });

  it('drops only the one trailing newline of standard input', () => {
    const db = path.join(dir, 'inner.sqlite');
    expect(cli(db, ['settings', 'set', 'smtp.pass', '-'], 'pass with spaces\r\n').code).toBe(0);
    expect(stored(db, 'smtp.pass')).toBe('pass with spaces');
  });

  it('warns when a typed mail server may go without encryption', () => {
    const db = path.join(dir, 'plain-smtp.sqlite');
    const r = cli(db, ['settings', 'set', 'smtp.noEncryption', 'true']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: the password and the report will travel unencrypted');
    expect(cli(db, ['settings', 'set', 'smtp.noEncryption', 'false']).stderr).toBe('');
  });

  it('refuses a base URL that would send the key elsewhere', () => {
    const db = path.join(dir, 'url.sqlite');
    const r = cli(db, ['settings', 'set', 'mailchimp.baseUrl', 'http://attacker.example/3.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The address "http://attacker.example/3.0" is refused');
  });

  it('prompts on a terminal without echoing what is typed', async () => {
    const db = path.join(dir, 'tty.sqlite');
    // `script` gives the CLI a real pseudo-terminal, as a person at a terminal has.
    const command = `${process.execPath} bin/barsy-sync.mjs --db ${db} --lang en settings set smtp.pass`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BARSY_SYNC_LANG: '' } });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (!screen.includes('Value for smtp.pass (not shown): ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(screen).toContain('Value for smtp.pass (not shown): ');
    await new Promise((r) => setTimeout(r, 200)); // raw mode is on once the prompt is written
    child.stdin.write('s3cret-typed');
    child.stdin.write('\u007fD\r');
    expect(await exited).toBe(0);
    expect(screen).not.toContain('s3cret-type');
    expect(stored(db, 'smtp.pass')).toBe('s3cret-typeD');
  });
});

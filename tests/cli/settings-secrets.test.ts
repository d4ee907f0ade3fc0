import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { createMailchimpClientFromSettings } from '../../main/mailchimp/client-from-settings.js';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { startTestSmtpServer } from '../helpers/report/smtp-test-server.js';

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

/** Runs the CLI without blocking this process: the simulator it calls lives in this process. */
function cli(db: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/barsy-sync.mjs', '--db', db, '--lang', 'en', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BARSY_SYNC_LANG: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The stored value as the engine reads it (decrypted). */
function stored(db: string, key: 'smtp.pass' | 'mailchimp.apiKey'): string | undefined {
  const ctx = createAppContext({ dbPath: db });
  try {
    return ctx.settings.get(key);
  } finally {
    void ctx.close();
  }
}

describe('settings set for secrets', { timeout: 120_000 }, () => {
  it('refuses a secret given as an argument, shows the right way and stores nothing', async () => {
    const db = path.join(dir, 'refuse.sqlite');
    for (const key of ['smtp.pass', 'mailchimp.apiKey']) {
      const r = await cli(db, ['settings', 'set', key, 'typed-on-the-command-line-1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"barsy-sync settings set ${key} -"`);
      expect(r.stderr).not.toContain('typed-on-the-command-line-1');
    }
    expect((await cli(db, ['settings', 'get', 'smtp.pass'])).stdout).toBe('(not set)\n');
  });

  it('still takes ordinary settings as arguments, and asks for "-" when there is no value and no terminal', async () => {
    const db = path.join(dir, 'plain.sqlite');
    expect((await cli(db, ['settings', 'set', 'report.email', 'owner@abv.bg'])).code).toBe(0);
    expect((await cli(db, ['settings', 'get', 'report.email'])).stdout).toBe('owner@abv.bg\n');
    const r = await cli(db, ['settings', 'set', 'report.email'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('No value for "report.email". Give it as an argument, or "-" to read it from standard input.\n');
  });

  it('reads the API key from standard input (one newline dropped), and the client built from the settings uses it', async () => {
    const db = path.join(dir, 'stdin.sqlite');
    const set = await cli(db, ['settings', 'set', 'mailchimp.apiKey', '-'], `${sim.apiKey}\n`);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect((await cli(db, ['settings', 'set', 'mailchimp.baseUrl', sim.baseUrl])).code).toBe(0);
    const ctx = createAppContext({ dbPath: db });
    try {
      expect(ctx.settings.get('mailchimp.apiKey')).toBe(sim.apiKey);
      const api = await createMailchimpClientFromSettings(ctx);
      expect((await api.getAccount()).account_name).toBe('Демо магазин ООД');
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it('reads the SMTP password from standard input, and a real SMTP login with it succeeds', async () => {
    const db = path.join(dir, 'smtp.sqlite');
    const smtp = await startTestSmtpServer({ user: 'shop@firma.bg', pass: 'pass with spaces & ünïcode' });
    try {
      const plain = ['smtp.host=127.0.0.1', `smtp.port=${smtp.port}`, 'smtp.user=shop@firma.bg', 'smtp.noEncryption=true', 'report.email=owner@firma.bg'];
      for (const pair of plain) {
        const [key, value] = pair.split('=') as [string, string];
        expect((await cli(db, ['settings', 'set', key, value])).code).toBe(0);
      }
      expect((await cli(db, ['settings', 'set', 'smtp.pass', '-'], 'pass with spaces & ünïcode\n')).code).toBe(0);
      const sent = await cli(db, ['smtp', 'test']);
      expect(sent.stderr).toBe('');
      expect(sent.code).toBe(0);
      const [mail] = await smtp.waitFor(1);
      expect(mail!.envelopeTo).toEqual(['owner@firma.bg']);
    } finally {
      await smtp.close();
    }
  }, 180_000); // eight CLI starts: each takes a second on an idle machine, far more while other suites run

  it('drops only the one trailing newline of standard input', async () => {
    const db = path.join(dir, 'inner.sqlite');
    expect((await cli(db, ['settings', 'set', 'smtp.pass', '-'], 'pass with spaces\r\n')).code).toBe(0);
    expect(stored(db, 'smtp.pass')).toBe('pass with spaces');
  });

  it('warns when a typed mail server may go without encryption', async () => {
    const db = path.join(dir, 'plain-smtp.sqlite');
    const r = await cli(db, ['settings', 'set', 'smtp.noEncryption', 'true']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: the password and the report will travel unencrypted');
    expect((await cli(db, ['settings', 'set', 'smtp.noEncryption', 'false'])).stderr).toBe('');
  });

  it('refuses a base URL that would send the key elsewhere', async () => {
    const db = path.join(dir, 'url.sqlite');
    const r = await cli(db, ['settings', 'set', 'mailchimp.baseUrl', 'http://attacker.example/3.0']);
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
    const deadline = Date.now() + 60_000;
    while (!screen.includes('Value for smtp.pass (not shown): ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(screen).toContain('Value for smtp.pass (not shown): ');
    await new Promise((r) => setTimeout(r, 200)); // raw mode is on once the prompt is written
    child.stdin.write('s3cret-typed');
    child.stdin.write('\u007fD\r');
    expect(await exited).toBe(0);
    expect(screen).not.toContain('s3cret-type');
    expect(stored(db, 'smtp.pass')).toBe('s3cret-typeD');
  }, 90_000);
});

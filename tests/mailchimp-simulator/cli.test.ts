import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** `barsy-sync simulator` as a user runs it: a real child process, real HTTP, signals. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/barsy-sync.mjs');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Spawns the CLI; `--db` points into a folder that does not exist, so any database access would fail. */
function cli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [bin, '--db', '/nonexistent-barsy/db.sqlite', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('barsy-sync simulator', () => {
  it('prints one JSON line once listening, serves the API, and saves state on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-sim-cli-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'state.json');
    const started = performance.now();
    const child = cli(['simulator', '--port', '0', '--json', '--state', stateFile, '--seed', '3']);
    const exited = exitOf(child);
    const line = await firstLine(child);
    const startMs = performance.now() - started;
    const info = JSON.parse(line) as { baseUrl: string; apiKey: string; listId: string };
    expect(Object.keys(info)).toEqual(['baseUrl', 'apiKey', 'listId']);
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/3\.0$/);
    const auth = { Authorization: `Basic ${Buffer.from(`cli:${info.apiKey}`).toString('base64')}` };
    const list = (await (await fetch(`${info.baseUrl}/lists/${info.listId}`, { headers: auth })).json()) as { name: string };
    expect(list.name).toBe('Демо аудитория');
    child.kill('SIGTERM');
    const { code, stderr } = await exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).apiKey).toBe(info.apiKey);
    // The issue asks for < 2 s; the bound here is looser because tests share 2 cores with other suites.
    expect(startMs).toBeLessThan(6000);
    process.stdout.write(`simulator CLI start (spawn → JSON line): ${startMs.toFixed(0)} ms\n`);
  });

  it('prints a readable banner without --json and stops on SIGINT', async () => {
    const child = cli(['simulator', '--port', '0', '--no-demo']);
    const exited = exitOf(child);
    expect(await firstLine(child)).toMatch(/^Mailchimp simulator listening on http:\/\/127\.0\.0\.1:\d+\/3\.0$/);
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });

  it('refuses a bad fault spec with a clear message', async () => {
    const { code, stderr } = await exitOf(cli(['simulator', '--port', '0', '--faults', '*:418:0.5']));
    expect(code).toBe(2);
    expect(stderr).toContain('Bad fault rule "*:418:0.5"');
  });

  it('refuses requests addressed to a foreign Host and keeps its stats behind the key', async () => {
    const child = cli(['simulator', '--port', '0', '--json', '--no-demo']);
    const info = JSON.parse(await firstLine(child)) as { baseUrl: string; apiKey: string };
    const port = Number(new URL(info.baseUrl).port);
    const { default: http } = await import('node:http');
    const status = (path: string, host: string, key?: string) =>
      new Promise<number>((resolve, reject) => {
        const headers: Record<string, string> = { Host: host };
        if (key) headers.Authorization = `Basic ${Buffer.from(`cli:${key}`).toString('base64')}`;
        http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    expect(await status('/3.0/ping', 'evil.example', info.apiKey)).toBe(403);
    expect(await status('/3.0/ping', `localhost:${port}`, info.apiKey)).toBe(200);
    expect(await status('/__simulator/stats', `127.0.0.1:${port}`)).toBe(401);
    expect(await status('/__simulator/stats', `127.0.0.1:${port}`, info.apiKey)).toBe(200);
    child.kill('SIGTERM');
  });
});

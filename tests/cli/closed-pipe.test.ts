import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './fresh-clone.js';

/**
 * `barsy-sync runs | head -1`: the reader closes the pipe while the CLI still writes. Here the reading
 * end is closed before the CLI starts writing at all, so every write of the command meets EPIPE.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-closed-pipe-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/barsy-sync.mjs', ...args], {
    cwd: REPO,
    env: { ...process.env, BARSY_SYNC_DB: path.join(dir, 'barsy-sync.sqlite'), BARSY_SYNC_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the CLI writing into a pipe its reader has closed', { timeout: 120_000 }, () => {
  it('ends quietly with the exit code of the command (runs, runs --help, --version)', async () => {
    // `runs` and `--version` write to file descriptor 1 directly (EPIPE from the write), `--help` through
    // process.stdout (EPIPE as the stream's 'error' event).
    expect(await withClosedStdout(['runs'])).toEqual({ code: 0, stderr: '' });
    expect(await withClosedStdout(['--version'])).toEqual({ code: 0, stderr: '' });
    expect(await withClosedStdout(['runs', '--help'])).toEqual({ code: 0, stderr: '' });
  });

  it('still reports a usage error on stderr and exits non-zero', async () => {
    const r = await withClosedStdout(['runs', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bogus/);
  });
});

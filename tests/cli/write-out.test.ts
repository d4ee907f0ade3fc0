import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './fresh-clone.js';

/**
 * The CLI writes its output to file descriptor 1 directly until something creates `process.stdout`
 * (main/cli/closed-pipe.ts). Real child processes: a pipe read as it fills, a non-blocking FIFO nobody
 * reads yet (the write meets EAGAIN and must hand the rest to the stream, losing nothing), and a closed
 * pipe (tests/cli/closed-pipe.test.ts).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-write-out-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CHILD = path.join(REPO, 'tests/cli/fixtures/write-out-child.ts');
const lines = (n: number) => Array.from({ length: n }, (_, i) => `${String(i).padStart(6, '0')} ${'x'.repeat(90)}\n`).join('');

describe('writeOut', { timeout: 60_000 }, () => {
  it('writes to the descriptor, in order, without creating process.stdout', async () => {
    // 20 lines fit in the pipe's buffer whatever its accounting: no write can meet EAGAIN, even though
    // tsx made the descriptor non-blocking (creating a pipe's stream does that, for all who share it).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, env: { ...process.env, LINES: '20' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, err, same: out === lines(20) }).toEqual({ code: 0, err: 'fd', same: true });
  });

  it('hands the rest to process.stdout when a non-blocking descriptor is full (EAGAIN), losing nothing', async () => {
    const fifo = path.join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Both ends non-blocking (a shared file status flag: the child's descriptor is non-blocking too).
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const writer = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    // ~2 MB: far beyond what a FIFO holds (64 KB on Linux).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, env: { ...process.env, LINES: '20000' }, stdio: ['ignore', writer, 'pipe'] });
    fs.closeSync(writer);
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
    // Nobody reads until the child has filled the FIFO and met EAGAIN.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let out = '';
    const socket = new net.Socket({ fd: reader, readable: true, writable: false });
    socket.setEncoding('utf8').on('data', (s: string) => (out += s));
    const [code] = await Promise.all([new Promise((resolve) => child.on('close', resolve)), new Promise((resolve) => socket.on('end', resolve))]);
    const expected = lines(20_000);
    expect({ code, err, length: out.length, same: out === expected }).toEqual({ code: 0, err: 'stream', length: expected.length, same: true });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, redact, registerSecret } from '../../main/logging/logger.js';

describe('logging', () => {
  it('redacts API keys, Authorization headers and registered secrets', () => {
    registerSecret('hunter2-smtp-password');
    const text = redact('key 0123456789abcdef0123456789abcdef-us6 auth {"authorization":"Basic dXNlcjprZXk="} pass hunter2-smtp-password');
    expect(text).not.toContain('0123456789abcdef0123456789abcdef-us6');
    expect(text).not.toContain('dXNlcjprZXk=');
    expect(text).not.toContain('hunter2-smtp-password');
  });

  it('writes redacted lines to a file and rotates it past the size limit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-log-'));
    const file = path.join(dir, 'logs', 'cli.log');
    const log = createFileLogger(file, { maxBytes: 200 });
    for (let i = 0; i < 10; i++) log.warn(`retry ${i}`, { key: 'ffffffffffffffffffffffffffffffff-us1' });
    const all = fs.readFileSync(file, 'utf8') + fs.readFileSync(`${file}.1`, 'utf8');
    expect(all).toContain('retry 9');
    expect(all).not.toContain('ffffffffffffffffffffffffffffffff-us1');
    expect(fs.statSync(file).size).toBeLessThan(400);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

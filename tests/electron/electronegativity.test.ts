import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/electron/fork-port.js';

type Issue = { id: string; file: string; location: { line: number }; severity: { value: number; name: string }; sample?: string };
type Result = { errors: Array<{ file: string; message: string; tolerable: boolean }>; issues: Issue[] };
type Run = (opts: Record<string, unknown>) => Promise<Result>;
type Justifications = { excludedChecks: Array<{ check: string; why: string }>; findings: Array<{ id: string; file: string; why: string }> };

const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const justified = JSON.parse(fs.readFileSync(path.join(REPO, 'electronegativity-justifications.json'), 'utf8')) as Justifications;
const MEDIUM = 2;
// A deliberately insecure window: proves the scan really reads our files and would fail on such code.
const CANARY = "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n";

let dir = '';
let result: Result;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-eng-'));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  const skip = (src: string) => !src.includes(`${path.sep}node_modules`);
  for (const d of ['main', 'preload', 'renderer']) {
    if (fs.existsSync(path.join(REPO, d))) fs.cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true, filter: skip });
  }
  fs.mkdirSync(path.join(dir, 'canary'));
  fs.writeFileSync(path.join(dir, 'canary', 'insecure.ts'), CANARY);
  result = await run({
    input: dir,
    isRelative: true,
    excludeFromScan: justified.excludedChecks.map((c) => c.check.toLowerCase()),
  });
}, 120_000);
afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

const serious = () => result.issues.filter((i) => i.severity.value >= MEDIUM && !i.file.startsWith('canary'));

describe('electronegativity over main/, preload/ and renderer/', () => {
  it('parses every file', () => {
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('would catch an insecure window (the canary)', () => {
    const canary = new Set(result.issues.filter((i) => i.file.startsWith('canary')).map((i) => i.id));
    expect(canary).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(canary).toContain('SANDBOX_JS_CHECK');
  });

  it('finds nothing of medium or higher severity that is not justified in electronegativity-justifications.json', () => {
    const unjustified = serious()
      .filter((i) => !justified.findings.some((j) => j.id === i.id && j.file === i.file))
      .map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line} ${i.sample ?? ''}`);
    expect(unjustified).toEqual([]);
  });

  it('finds no AUXCLICK issue in our code (the window disables Auxclick), while the canary window has one', () => {
    const aux = result.issues.filter((i) => i.id === 'AUXCLICK_JS_CHECK');
    expect(aux.filter((i) => !i.file.startsWith('canary'))).toEqual([]);
    expect(aux.some((i) => i.file.startsWith('canary'))).toBe(true);
    expect(justified.findings.some((j) => j.id === 'AUXCLICK_JS_CHECK')).toBe(false);
  });

  it('has no stale justification', () => {
    const stale = justified.findings.filter((j) => !serious().some((i) => i.id === j.id && i.file === j.file));
    expect(stale).toEqual([]);
    for (const j of [...justified.findings, ...justified.excludedChecks]) expect(j.why.length).toBeGreaterThan(40);
  });
});

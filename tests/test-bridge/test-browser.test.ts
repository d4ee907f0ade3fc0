import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumLaunchOptions, SYSTEM_CHROMIUM } from '../helpers/chromium.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Every TypeScript file below `dir` (test output and dependencies left out). */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'output' || e.name === 'node_modules' ? [] : tsFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the test browser (tests/helpers/chromium.ts)', () => {
  it("uses Debian's Chromium where it exists, else leaves the choice to Playwright (its own download)", () => {
    expect(chromiumLaunchOptions([], () => true)).toEqual({ executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] });
    const elsewhere = chromiumLaunchOptions(['--disable-sync'], () => false);
    expect('executablePath' in elsewhere).toBe(false);
    expect(elsewhere.args).toEqual(['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-sync']);
    // On this machine: unchanged.
    expect(chromiumLaunchOptions().executablePath).toBe(fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  });

  it('is the only place that names /usr/bin/chromium (the Playwright config and every test go through it)', () => {
    const helper = path.join(REPO, 'tests/helpers/chromium.ts');
    const offenders = [...tsFiles(path.join(REPO, 'tests')), path.join(REPO, 'playwright.config.ts')].filter(
      (f) => f !== helper && f !== import.meta.filename && fs.readFileSync(f, 'utf8').includes(SYSTEM_CHROMIUM),
    );
    expect(offenders.map((f) => path.relative(REPO, f))).toEqual([]);
    expect(fs.readFileSync(path.join(REPO, 'playwright.config.ts'), 'utf8')).toContain('chromiumLaunchOptions(');
  });
});

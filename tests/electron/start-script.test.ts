import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/electron/fork-port.js';

describe('npm start (scripts/start.mjs)', () => {
  it('says in one line that Electron is unavailable, and how to use the CLI instead', () => {
    // Point electron's resolver at an empty place: what a machine without the binary sees, minus the download attempt.
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(REPO, 'tests', 'output', 'no-electron-here') };
    delete env.BARSY_ELECTRON_PATH;
    const res = spawnSync(process.execPath, ['scripts/start.mjs'], { cwd: REPO, env, encoding: 'utf8', timeout: 30_000 });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not available.*npx barsy-sync --help/);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = path.join(repo, '.dependency-cruiser.cjs');

type Violation = { rule: { name: string }; from: string; to: string };

/** Runs the checker the way `npm run lint:deps` does, in `cwd`, and returns its violations. */
async function cruise(cwd: string, targets: string[]): Promise<Violation[]> {
  const { stdout } = await run(process.execPath, [depcruise, ...targets, '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    // A non-zero exit means violations were found; the JSON report is still on stdout.
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A small tree with the project's folder names: `files` maps a path to its source. */
function tree(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [file, src] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), src);
  }
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowImportingTsExtensions: true, noEmit: true } }));
  return root;
}

// The repository itself is checked by `npm run lint:deps` in `npm test`; these prove the rules bite.
describe('import rules (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('fails on a deliberately added upward import, a cycle of type-only imports and a cross-folder re-export', async () => {
    const root = tree('bad', {
      'main/runs/run-store.ts': "import { startSync } from '../sync/engine.js';\nexport const store = () => startSync;\n",
      'main/sync/engine.ts': "export function startSync(): void {}\n",
      'main/mapping/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
      'main/mapping/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
      'main/sync/port.ts': "export { store } from '../runs/run-store.js';\n",
    });
    const names = (await cruise(root, ['main'])).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(names).toContain('layer-runs-no-upward: main/runs/run-store.ts → main/sync/engine.ts');
    expect(names.some((n) => n.startsWith('no-circular: main/mapping/'))).toBe(true);
    expect(names).toContain('no-reexport-across-folders: main/sync/port.ts → main/runs/run-store.ts');
  }, 60_000);

  it('keeps electron out of the engine and Node out of shared/', async () => {
    const root = tree('impure', {
      'main/sync/engine.ts': "import { app } from 'electron';\nexport const a = app;\n",
      'shared/domain/x.ts': "import fs from 'node:fs';\nexport const f = fs;\n",
      'node_modules/electron/index.js': 'module.exports = {};\n',
      'node_modules/electron/package.json': '{"name":"electron","main":"index.js"}\n',
    });
    const names = (await cruise(root, ['main', 'shared'])).map((v) => v.rule.name);
    expect(names).toContain('engine-never-imports-electron');
    expect(names).toContain('shared-no-node');
  }, 60_000);
});

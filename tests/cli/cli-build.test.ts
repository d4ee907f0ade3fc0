import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { freshClone, REPO as ROOT } from './fresh-clone.js';

/**
 * The built CLI as a fresh clone gets it (`freshClone`: no tsx, so the CLI there can only work from its
 * build): `npm run prepare` (what `npm install` and `npm ci` run after installing), then edits that make
 * the build stale.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin?: unknown; scripts: Record<string, string> };
let clone = '';
let db = '';
let linkPackage: (name: string) => void;
let remove = () => {};

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: clone, encoding: 'utf8', env: { ...process.env, BARSY_SYNC_DB: db, BARSY_SYNC_LANG: 'en', BARSY_CLI_FROM_SOURCE: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cli = (...args: string[]) => run(process.execPath, ['bin/barsy-sync.mjs', ...args]);
const RUNS_COMMAND = 'main/cli/commands/runs-command.ts';

beforeAll(() => {
  ({ dir: clone, linkPackage, remove } = freshClone());
  db = path.join(clone, 'data', 'barsy-sync.sqlite');
});
afterAll(() => remove());

describe('the CLI build', { timeout: 120_000 }, () => {
  it('is made by the install scripts, and links node_modules/.bin/barsy-sync instead of a package.json bin', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/build-cli.mjs');
    // A `bin` would send `npx barsy-sync` through npm's slow root-package route (see scripts/build-cli.mjs).
    expect(pkg.bin).toBeUndefined();
    expect(run('npm', ['run', 'prepare', '--silent']).code).toBe(0);
    expect(fs.existsSync(path.join(clone, 'out/bin/main.js'))).toBe(true);
    const link = path.join(clone, 'node_modules/.bin/barsy-sync');
    // The CommonJS launcher: Node 20 starts an .mjs entry only after setting up its ES module loader.
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(path.join(clone, 'bin/barsy-sync.cjs')));
    const inputs = JSON.parse(fs.readFileSync(path.join(clone, 'out/bin/inputs.json'), 'utf8')) as { inputs: string[] };
    expect(inputs.inputs).toEqual(expect.arrayContaining([RUNS_COMMAND, 'shared/ipc-contract.ts', 'package.json']));
    // Bundled packages (zod; nodemailer's JSON) by their manifest, here by its real path through the clone's link.
    const zod = path.relative(clone, path.join(ROOT, 'node_modules/zod/package.json'));
    expect(inputs.inputs.filter((f) => f.includes('node_modules/zod/'))).toEqual([zod]);
    // zod is bundled with only what the CLI uses (not its 50 locales), so starting compiles less.
    type Output = { inputs: Record<string, { bytesInOutput: number }> };
    const meta = JSON.parse(fs.readFileSync(path.join(clone, 'out/bin/metafile.json'), 'utf8')) as { outputs: Record<string, Output> };
    // What the chunks hold (esbuild reads more files than it keeps: `inputs` at the top would list those too).
    const bundled = Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
    expect(bundled.some((f) => f.endsWith('zod/v4/classic/schemas.js'))).toBe(true);
    expect(bundled.some((f) => f.endsWith('zod/v4/locales/en.js'))).toBe(true);
    expect(bundled.some((f) => f.endsWith('zod/v4/locales/bg.js'))).toBe(false);
    // The chunks are CommonJS, which Node 20 loads much faster than ES modules (scripts/build-cli.mjs).
    expect(fs.readFileSync(path.join(clone, 'out/bin/package.json'), 'utf8')).toContain('"commonjs"');
    const runsChunk = fs.readdirSync(path.join(clone, 'out/bin/chunks')).find((f) => f.startsWith('runs-command-'));
    const runsCode = fs.readFileSync(path.join(clone, 'out/bin/chunks', runsChunk ?? 'missing'), 'utf8');
    expect(runsCode).toMatch(/\brequire\("\.\/chunk-/);
    expect(runsCode).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('runs without tsx (so from the build), through node and through npx', () => {
    expect(cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(cli('runs', '--json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(cli('runs', '--bogus').code).toBe(2);
    expect(run(path.join(clone, 'node_modules/.bin/barsy-sync'), ['runs', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    const npx = run('npx', ['--no-install', 'barsy-sync', '--version']);
    expect(npx.stdout).toBe(`${pkg.version}\n`);
    expect(npx.code).toBe(0);
  });

  it('loads its chunks with the V8 code cache the build wrote, and works the same without it or with a bad one', async () => {
    const cacheDir = path.join(clone, 'out/bin/code-cache');
    const chunks = fs.readdirSync(path.join(clone, 'out/bin/chunks'));
    const runsChunk = chunks.find((f) => f.startsWith('runs-command-'))!;
    // `runs` and `--help` ran at build time: every command's chunk has its cache.
    expect(fs.readdirSync(cacheDir)).toEqual(expect.arrayContaining([`${runsChunk}.bin`, ...chunks.filter((f) => f.endsWith('-command.js')).map((f) => `${f}.bin`)]));
    // Accepted by this Node (V8 rejects cached data of another version, other flags or another source).
    // A chunk is stored as the function Node would wrap it in, and compiled as it is (main/cli/code-cache.ts).
    const runsSource = fs.readFileSync(path.join(clone, 'out/bin/chunks', runsChunk), 'utf8');
    expect(runsSource.startsWith(Module.wrap('').slice(0, -4))).toBe(true);
    const probe = [
      "const fs = require('node:fs'), vm = require('node:vm');",
      `const [src, bin] = [${JSON.stringify(path.join(clone, 'out/bin/chunks', runsChunk))}, ${JSON.stringify(path.join(cacheDir, `${runsChunk}.bin`))}];`,
      "process.stdout.write(String(new vm.Script(fs.readFileSync(src, 'utf8'), { cachedData: fs.readFileSync(bin) }).cachedDataRejected));",
    ].join('\n');
    expect(run(process.execPath, ['-e', probe]).stdout).toBe('false');
    // Node built-ins only some commands use are loaded on first use: `runs` never loads crypto or child_process.
    // (Not through `node -e`, which loads crypto itself.) Nor `bindings`: better-sqlite3 gets the addon file
    // the build found (main/cli/native-binding.ts).
    const report = path.join(clone, 'builtins-at-exit.cjs');
    fs.writeFileSync(
      report,
      "process.on('exit', () => process.stderr.write([...process.moduleLoadList.filter((m) => /^NativeModule (crypto|child_process)$/.test(m)), ...Object.keys(require.cache).filter((f) => /[\\\\/]bindings[\\\\/]/.test(f))].join()));\n",
    );
    expect(run(process.execPath, ['-r', report, 'bin/barsy-sync.cjs', 'runs']).stderr).toBe('');
    // Only the words a command uses, of the language in use: each section of each catalogue is a chunk of
    // its own (scripts/build-cli.mjs), here the errors' (the message) and nothing of the screens.
    const words = path.join(clone, 'words-at-exit.cjs');
    fs.writeFileSync(words, "process.on('exit', () => process.stderr.write('|' + Object.keys(require.cache).filter((f) => /words-(bg|en)-[\\w-]+\\.js$/.test(f)).map((f) => require('node:path').basename(f)).join()));\n");
    const missingRun = (lang: string) => run(process.execPath, ['-r', words, 'bin/barsy-sync.cjs', '--lang', lang, 'report', '999999']);
    expect(missingRun('en')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^There is no .*999999.*\n\|words-en-errors\.js$/) as unknown });
    expect(missingRun('bg')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^[^a-z]*999999.*\n\|words-bg-errors\.js$/) as unknown });
    // …and a command that seals a secret loads crypto then, through the stand-in, and reads it back.
    const env = { ...process.env, BARSY_SYNC_DB: db, BARSY_SYNC_LANG: 'en' };
    const set = spawnSync(process.execPath, ['-r', report, 'bin/barsy-sync.cjs', 'settings', 'set', 'smtp.pass', '-'], { cwd: clone, env, input: 'pa55-word\n', encoding: 'utf8' });
    expect([set.status, set.stderr]).toEqual([0, 'NativeModule crypto']);
    const ctx = createAppContext({ dbPath: db });
    try {
      expect(ctx.settings.get('smtp.pass')).toBe('pa55-word');
    } finally {
      await ctx.close();
    }
    const list = cli('runs', '--json');
    expect(list.code).toBe(0);

    // better-sqlite3's JavaScript is bundled (Node loads none of its files), and should the addon file the
    // build found be gone, the package as installed finds it its own way.
    const probeFiles = path.join(clone, 'sqlite-at-exit.cjs');
    fs.writeFileSync(probeFiles, "process.on('exit', () => process.stderr.write(Object.keys(require.cache).filter((f) => /better-sqlite3[\\\\/]lib/.test(f)).length + ' files'));\n");
    expect(run(process.execPath, ['-r', probeFiles, 'bin/barsy-sync.cjs', 'runs', '--json'])).toMatchObject({ code: 0, stderr: '0 files' });
    const chunkDir = path.join(clone, 'out/bin/chunks');
    const withAddon = fs.readdirSync(chunkDir).find((f) => fs.readFileSync(path.join(chunkDir, f), 'utf8').includes('/build/Release/better_sqlite3.node"'))!;
    const chunkCode = fs.readFileSync(path.join(chunkDir, withAddon), 'utf8');
    fs.writeFileSync(path.join(chunkDir, withAddon), chunkCode.replace('/build/Release/better_sqlite3.node"', '/build/Release/gone.node"'));
    expect(run(process.execPath, ['-r', probeFiles, 'bin/barsy-sync.cjs', 'runs', '--json'])).toEqual({ code: 0, stdout: list.stdout, stderr: expect.stringMatching(/^[1-9]\d* files$/) as unknown });
    fs.writeFileSync(path.join(chunkDir, withAddon), chunkCode);

    // A damaged cache file is rejected by V8 and the chunk compiled from its source; no cache at all is fine too.
    fs.writeFileSync(path.join(cacheDir, `${runsChunk}.bin`), Buffer.alloc(64, 7));
    expect(cli('runs', '--json')).toEqual(list);
    fs.rmSync(cacheDir, { recursive: true });
    expect(cli('runs', '--json')).toEqual(list);
  });

  it('is not used once a file it was built from changes: the sources run instead, until it is rebuilt', () => {
    const file = path.join(clone, RUNS_COMMAND);
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain("'list sync runs, newest first'");
    fs.writeFileSync(file, source.replace("'list sync runs, newest first'", "'list sync runs, newest first (edited)'"));

    // Without tsx the launcher cannot run the sources: failing proves it did not take the stale build.
    const stale = cli('runs', '--help');
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/tsx/);

    linkPackage('tsx');
    const fromSource = cli('runs', '--help');
    expect(fromSource.code).toBe(0);
    expect(fromSource.stdout).toContain('newest first (edited)');

    fs.rmSync(path.join(clone, 'node_modules/tsx'));
    expect(run('npm', ['run', 'build:cli', '--silent']).code).toBe(0);
    const rebuilt = cli('runs', '--help');
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.stdout).toContain('newest first (edited)');
  });

});

import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { samplePath } from '../../main/import/samples.js';
import { REPO } from '../helpers/electron/fork-port.js';
import { configuredFuses, FUSE_INDEX, fuseMismatches, packagedBinaries, type FuseName } from '../electron-smoke/check-fuses.js';
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);
// electron-builder's own parts: its CLI parses -c.* flags with yargs-parser, then validates with coercion.
const { validateSchema } = requireCjs('app-builder-lib/out/util/config/schemaValidator.js') as { validateSchema: (schema: object, data: object) => void };
const yargsParser = requireCjs('yargs-parser') as (args: string[]) => Record<string, unknown>;

/** Deep merge of plain objects (arrays and scalars replaced), as electron-builder applies -c.* flags. */
function mergeDeep(target: Cfg, source: Cfg): Cfg {
  for (const [k, v] of Object.entries(source)) {
    target[k] = v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' ? mergeDeep(target[k] as Cfg, v as Cfg) : v;
  }
  return target;
}

type Cfg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (p: string) => fs.readFileSync(path.join(REPO, p), 'utf8');
const cfg = load(read('electron-builder.yml')) as Cfg;
const pkg = JSON.parse(read('package.json')) as { main: string; productName: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(cfg), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('names the app and ships the built app with better-sqlite3 unpacked and rebuilt for Electron', () => {
    expect(cfg.appId).toBe('bg.barsy-sync.app');
    expect(cfg.productName).toBe('Barsy Mailchimp Sync');
    expect(cfg.productName).toBe(pkg.productName);
    expect(cfg.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(cfg.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(cfg.npmRebuild).toBe(true);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('closes every fuse that lets another program run code as the app', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      resetAdHocDarwinSignature: true,
    });
  });

  it('grants macOS only the JIT entitlement Electron needs (no library-validation exception)', () => {
    for (const file of new Set([cfg.mac.entitlements, cfg.mac.entitlementsInherit])) {
      const ent = plist.parse(read(file)) as Record<string, unknown>;
      expect(ent).toEqual({ 'com.apple.security.cs.allow-jit': true });
    }
  });

  it('publishes the update metadata to GitHub releases and builds the zip the macOS updater installs from', () => {
    expect(cfg.publish).toEqual([{ provider: 'github', releaseType: 'draft' }]);
    expect(cfg.mac.target).toContainEqual({ target: 'zip', arch: ['x64', 'arm64'] });
  });

  it('builds a per-user NSIS installer in Bulgarian and English for Windows', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, multiLanguageInstaller: true, deleteAppDataOnUninstall: false });
    expect(cfg.nsis.installerLanguages).toEqual(['bg_BG', 'en_US']);
  });

  it('builds a dmg for Intel and Apple silicon Macs', () => {
    expect(cfg.mac.target).toContainEqual({ target: 'dmg', arch: ['x64', 'arm64'] });
    expect(cfg.mac.hardenedRuntime).toBe(true);
    expect(fs.existsSync(path.join(REPO, cfg.mac.entitlements))).toBe(true);
  });

  it('has its icons: a 1024 px PNG, a Windows .ico with a 256 px image, a macOS .icns', () => {
    const png = fs.readFileSync(path.join(REPO, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const ico = fs.readFileSync(path.join(REPO, cfg.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toContain(256);
    const icns = fs.readFileSync(path.join(REPO, cfg.mac.icon));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('ships samples/ beside app.asar, where the sample helper looks first', () => {
    expect(cfg.extraResources).toContainEqual(expect.objectContaining({ from: 'samples', to: 'samples' }));
    const filter = (cfg.extraResources as Cfg[]).find((r) => r.from === 'samples')?.filter as string[] | undefined;
    expect(filter ?? ['**/*']).toEqual(expect.arrayContaining([expect.stringMatching(/\*\.csv$/)]));

    const repoSample = path.join(REPO, 'samples', 'clients-cp1251.csv');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-resources-'));
    try {
      // The installed app: <resources>/samples (process.resourcesPath), not the source tree.
      const resources = path.join(tmp, 'resources');
      fs.mkdirSync(path.join(resources, 'samples'), { recursive: true });
      fs.copyFileSync(repoSample, path.join(resources, 'samples', 'clients-cp1251.csv'));
      expect(samplePath('clients-cp1251.csv', { resourcesPath: resources })).toBe(path.join(resources, 'samples', 'clients-cp1251.csv'));
      // The CLI bundled in app.asar finds it even with no resourcesPath (walking up from out/cli/).
      const bundledCli = pathToFileURL(path.join(resources, 'app.asar', 'out', 'cli', 'main.js')).href;
      expect(samplePath('clients-cp1251.csv', { resourcesPath: undefined, fromUrl: bundledCli })).toBe(path.join(resources, 'samples', 'clients-cp1251.csv'));
      // Electron without the packaged samples (development), and plain Node: the repository's samples/.
      expect(samplePath('clients-cp1251.csv', { resourcesPath: path.join(tmp, 'elsewhere') })).toBe(repoSample);
      expect(samplePath('clients-cp1251.csv', { resourcesPath: undefined })).toBe(repoSample);
      expect(samplePath('clients-cp1251.csv')).toBe(repoSample);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('has the npm scripts: dist builds with electron-vite then electron-builder', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --config electron-builder.yml');
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
  });
});

describe('release workflow', () => {
  const wf = load(read('.github/workflows/release.yml')) as Cfg;
  const job = Object.values(wf.jobs as Record<string, Cfg>)[0] as Cfg;
  const runs = (job.steps as Cfg[]).map((s) => String(s.run ?? s.uses ?? ''));

  it('builds on Windows and macOS runners', () => {
    expect(job.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
  });

  it('tests, builds the installers, reads their fuses back, smoke-tests a build of the same commit and uploads', () => {
    const order = [
      'npm ci',
      'npx playwright install chromium',
      'npm test',
      'npm run dist',
      'check-fuses.ts dist',
      'electron-builder --config electron-builder.yml --dir',
      'playwright test -c tests/electron-smoke/playwright.config.ts',
      'actions/upload-artifact',
    ].map((needle) => runs.findIndex((r) => r.includes(needle)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const smoke = (job.steps as Cfg[]).find((s) => String(s.run ?? '').includes('playwright test')) as Cfg;
    expect(smoke.env).toMatchObject({ SMOKE_DIST: 'dist-smoke' });
  });

  it('smoke-tests a variant that differs from the shipped app only by the inspect fuse (as electron-builder reads the flags)', async () => {
    const step = String((job.steps as Cfg[]).find((s) => String(s.run ?? '').includes('--dir'))?.run);
    const flags = step.split(/\s+/).filter((a) => a.startsWith('-c.'));
    const overrides = (yargsParser(flags) as { c: Cfg }).c;
    // electron-builder merges -c.* over the file and coerces "true" with its own schema validator.
    const variant = mergeDeep(structuredClone(cfg), overrides);
    validateSchema(JSON.parse(read('node_modules/app-builder-lib/scheme.json')), variant);
    expect(variant.electronFuses).toEqual({ ...cfg.electronFuses, enableNodeCliInspectArguments: true });
    expect(variant.directories.output).toBe('dist-smoke');
    expect({ ...variant, electronFuses: null, directories: null }).toEqual({ ...cfg, electronFuses: null, directories: null });
  });

  it('signs ad hoc without the hardened runtime only when the runner has no certificate', () => {
    const flags = (env: NodeJS.ProcessEnv) =>
      execFileSync('bash', [path.join(REPO, '.github/workflows/unsigned-flags.sh')], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }).trim();
    expect(flags({})).toBe('-c.mac.identity=- -c.mac.hardenedRuntime=false');
    expect(flags({ CSC_LINK: 'base64-of-a-certificate' })).toBe('');
    expect(runs.filter((r) => r.includes('unsigned-flags.sh'))).toHaveLength(2);
  });

  it('publishes installers and latest*.yml on a tag, with write access to releases', () => {
    const dist = (job.steps as Cfg[]).find((s) => String(s.run ?? '').includes('npm run dist')) as Cfg;
    expect(dist.env.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(String(dist.run)).toMatch(/publish=always/);
    expect(wf.permissions).toEqual({ contents: 'write' });
  });
});

describe('check-fuses (the release check of the shipped binary)', () => {
  /** A fake Electron binary: bytes around the fuse sentinel, a V1 wire of 8 fuses. */
  const fakeBinary = (dir: string, states: Partial<Record<FuseName, boolean>>) => {
    const wire = Buffer.alloc(8, 0x30);
    for (const [k, v] of Object.entries(states)) wire[FUSE_INDEX[k as FuseName]] = v ? 0x31 : 0x30;
    const exe = path.join(dir, 'win-unpacked', 'Barsy Mailchimp Sync.exe');
    fs.mkdirSync(path.dirname(exe), { recursive: true });
    fs.writeFileSync(exe, Buffer.concat([crypto.randomBytes(4096), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), wire, crypto.randomBytes(512)]));
    return exe;
  };
  const expected = configuredFuses(read('electron-builder.yml'));

  it('passes a binary fused as electron-builder.yml says and names every fuse left open', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-fuses-'));
    try {
      const exe = fakeBinary(tmp, expected);
      expect(packagedBinaries(tmp)).toEqual([exe]);
      expect(await fuseMismatches(exe, expected)).toEqual([]);
      fakeBinary(tmp, { ...expected, runAsNode: true, enableNodeCliInspectArguments: true });
      expect(await fuseMismatches(exe, expected)).toEqual([
        'runAsNode: expected off, binary has on',
        'enableNodeCliInspectArguments: expected off, binary has on',
      ]);
      // The script itself, as the workflow runs it: exit 1 and the fuse named.
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'tests/electron-smoke/check-fuses.ts'), tmp], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('runAsNode: expected off');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 30_000);
});

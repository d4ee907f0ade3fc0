import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { samplePath } from '../../main/import/samples.js';
import { REPO } from './helpers/fork-port.js';

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
    // The scheduled-sync CLI needs Node mode; the smoke test needs --inspect; NODE_OPTIONS is fused off.
    expect(cfg.electronFuses).toMatchObject({ runAsNode: true, enableNodeCliInspectArguments: true, enableNodeOptionsEnvironmentVariable: false });
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('builds a per-user NSIS installer in Bulgarian and English for Windows', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, multiLanguageInstaller: true, deleteAppDataOnUninstall: false });
    expect(cfg.nsis.installerLanguages).toEqual(['bg_BG', 'en_US']);
  });

  it('builds a dmg for Intel and Apple silicon Macs', () => {
    expect(cfg.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
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

  it('installs (with Playwright\'s Chromium for the browser tests), tests, builds the installers, smoke-tests the packaged app and uploads it', () => {
    const order = ['npm ci', 'npx playwright install chromium', 'npm test', 'npm run dist', 'playwright test', 'actions/upload-artifact'].map((needle) =>
      runs.findIndex((r) => r.includes(needle)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(fs.existsSync(path.join(REPO, 'tests/electron-smoke/smoke.spec.ts'))).toBe(true);
  });
});

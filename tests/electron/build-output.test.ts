import { spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../main/electron/engine-client.js';
import { PRODUCTION_CSP } from '../../main/electron/csp.js';
import { forkPort, REPO } from '../helpers/electron/fork-port.js';

// A private output folder: `out/` belongs to whoever runs `npm start` / `npm run dist`.
const OUT = path.join('tests', 'output', `electron-build-${process.pid}`);
const abs = (p: string) => path.join(REPO, OUT, p);
const read = (p: string) => fs.readFileSync(abs(p), 'utf8');
const children: ChildProcess[] = [];
let build: ReturnType<typeof spawnSync>;

beforeAll(() => {
  const cli = path.join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  build = spawnSync(process.execPath, [cli, 'build'], { cwd: REPO, env: { ...process.env, BARSY_OUT_DIR: OUT }, encoding: 'utf8', timeout: 180_000 });
}, 200_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill();
  fs.rmSync(path.join(REPO, OUT), { recursive: true, force: true });
});

describe('npx electron-vite build (no Electron binary needed)', () => {
  it('succeeds and writes main, engine host, CLI, preload and renderer', () => {
    expect(build.status, String(build.stderr).slice(-2000)).toBe(0);
    for (const f of ['main/index.js', 'main/engine-host.js', 'cli/main.js', 'preload/index.cjs', 'renderer/index.html']) expect(fs.existsSync(abs(f)), f).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('puts the CSP in index.html (file:// responses carry no headers)', () => {
    const html = read('renderer/index.html');
    const policy = PRODUCTION_CSP.replace("; frame-ancestors 'none'", '');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('makes a sandbox-ready preload: CommonJS, requiring nothing but electron', () => {
    const preload = read('preload/index.cjs');
    expect([...new Set(preload.match(/require\(["'][^"']+["']\)/g))]).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/^import /m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('keeps the engine out of the window process: only the host and the CLI load SQLite', () => {
    const importsOf = (entry: string): string => {
      const seen = new Set<string>();
      const walk = (file: string): string => {
        if (seen.has(file)) return '';
        seen.add(file);
        const code = fs.readFileSync(file, 'utf8');
        const local = [...code.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => path.resolve(path.dirname(file), m[1] ?? ''));
        return code + local.map(walk).join('');
      };
      return walk(abs(entry));
    };
    expect(importsOf('main/index.js')).not.toContain('better-sqlite3');
    expect(importsOf('main/engine-host.js')).toContain('from "better-sqlite3"');
    expect(importsOf('main/engine-host.js')).not.toMatch(/from "electron"/);
  });

  it('runs the built engine host in plain Node and answers the contract', async () => {
    const dbPath = abs('db/barsy-sync.sqlite');
    const client = createEngineClient({
      spawn: forkPort(abs('main/engine-host.js'), children, []),
      init: { dbPath, secretKey: crypto.randomBytes(32).toString('base64'), version: '0.1.0' },
      onEvent: () => undefined,
      writeLog: () => undefined,
    });
    try {
      expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { dbPath, secretStorage: 'os-keychain' } });
      expect(await client.call('settings:set', { key: 'smtp.pass', value: 'built-host-secret' })).toMatchObject({ ok: true });
    } finally {
      await client.shutdown();
    }
    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare("SELECT value FROM settings WHERE key = 'smtp.pass'").get() as { value: string };
    db.close();
    expect(row.value.startsWith('kc1:')).toBe(true);
  });

  it('runs the built CLI (the bin script in development; the packaged app runs syncs in its headless mode)', () => {
    const res = spawnSync(process.execPath, [abs('cli/main.js'), '--db', abs('db/cli.sqlite'), 'settings', 'list'], { cwd: REPO, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('# secrets: fallback-file-key');
  });

  it('runs the built CLI demo, which finds samples/ from the bundle', () => {
    const res = spawnSync(process.execPath, [abs('cli/main.js'), 'demo', '--json'], { cwd: path.join(REPO, OUT), encoding: 'utf8', timeout: 60_000 });
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'completed', counts: { clients: 30 } });
  }, 70_000);
});

/*
 * Headless run of the SHIPPED app (fuses closed: no runAsNode, no inspect): `<app> --sync --watch`
 * against a database set up here and the Mailchimp simulator on 127.0.0.1. Checks the exit code, the
 * run it recorded, a watched-folder export picked up, and that a second start while a sync holds the
 * claim exits 3. Run by .github/workflows/release.yml after the installers are built; exits 1 on any
 * difference.
 *
 *   npx tsx tests/electron-smoke/headless-smoke.ts [DIST_DIR]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../../main/app/create-app-context.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';
import { startSimulator } from '../../main/mailchimp-simulator/index.js';
import { SEEDED, writeCsv } from '../helpers/sync-env.js';
import { packagedBinaries } from './check-fuses.js';

const PRODUCT = 'Barsy Mailchimp Sync';

/** The executable inside a packaged app (the .exe itself, or the binary in a macOS bundle). */
function executableOf(packaged: string): string {
  return packaged.endsWith('.app') ? path.join(packaged, 'Contents', 'MacOS', PRODUCT) : packaged;
}

function fail(message: string): never {
  process.stderr.write(`headless smoke: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  const binaries = packagedBinaries(dist);
  if (binaries.length === 0) fail(`no packaged app in ${dist}`);
  const sim = await startSimulator({ port: 0 });
  try {
    for (const packaged of binaries) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-headless-smoke-'));
      const dbPath = path.join(dir, 'barsy-sync.sqlite');
      const inbox = path.join(dir, 'exports');
      fs.mkdirSync(inbox);
      const ctx = createAppContext({ dbPath });
      const dispatch = createDispatcher(handlers, ctx);
      ctx.settings.set('mailchimp.apiKey', sim.apiKey);
      ctx.settings.set('mailchimp.baseUrl', sim.baseUrl);
      ctx.settings.set('mailchimp.listId', sim.listId);
      ctx.settings.set('report.email', 'owner@magazin.bg');
      ctx.settings.set('watch.folder', inbox);
      for (const [channel, req] of [['import:run', { path: writeCsv(dir, SEEDED.slice(0, 5)) }], ['mapping:auto', {}]] as const) {
        const res = await dispatch(channel, req);
        if (!res.ok) fail(`${channel}: ${JSON.stringify(res.error)}`);
      }
      writeCsv(inbox, SEEDED, 'week.csv');
      await ctx.close();

      const env = { ...process.env, BARSY_SYNC_DB: dbPath, BARSY_SYNC_LANG: 'en', ELECTRON_ENABLE_LOGGING: '1' };
      const run = spawnSync(executableOf(packaged), ['--sync', '--watch'], { env, encoding: 'utf8', timeout: 180_000 });
      process.stdout.write(`${packaged}: exit ${run.status}\n${run.stdout}${run.stderr}\n`);
      if (run.status !== 0) fail(`--sync --watch exited ${run.status}`);

      const check = createAppContext({ dbPath });
      const runs = check.db.prepare('SELECT id, status, automatic, import_id FROM sync_runs').all() as Array<{ status: string; automatic: number; import_id: number }>;
      const watched = check.db.prepare("SELECT action FROM watched_files WHERE path LIKE '%week.csv'").get() as { action: string } | undefined;
      if (runs.length !== 1 || runs[0]!.status !== 'completed' || runs[0]!.automatic !== 1) fail(`unexpected runs ${JSON.stringify(runs)}`);
      if (watched?.action !== 'imported') fail(`the watched export was not imported: ${JSON.stringify(watched)}`);

      // A sync held by a live process (this one): the app refuses with exit code 3.
      const held = check.db
        .prepare("INSERT INTO sync_runs (list_id, audience_name, import_id, dry_run, status, removal_policy, started_at, pid, heartbeat_at) VALUES (?, '', ?, 0, 'running', 'leave', ?, ?, ?)")
        .run(sim.listId, runs[0]!.import_id, new Date().toISOString(), process.pid, new Date().toISOString()).lastInsertRowid;
      // Keep the claim's heartbeat fresh, as a live sync does, while the app starts.
      const beat = setInterval(() => check.db.prepare('UPDATE sync_runs SET heartbeat_at = ? WHERE id = ?').run(new Date().toISOString(), held), 1_000);
      const busy = await new Promise<{ status: number | null; out: string }>((resolve) => {
        const child = spawn(executableOf(packaged), ['--sync'], { env });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (status) => resolve({ status, out }));
      });
      clearInterval(beat);
      await check.close();
      process.stdout.write(`busy: exit ${busy.status}\n${busy.out}\n`);
      if (busy.status !== 3) fail(`a second sync exited ${busy.status}, expected 3`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await sim.close();
  }
  process.stdout.write('headless smoke: ok\n');
}

await main();

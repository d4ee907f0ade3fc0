import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempApp } from '../helpers/temp-context.js';
import { runCliWith } from '../helpers/run-cli-with.js';
import { createSyncEnv, manyRows, SEEDED, writeCsv, type SyncEnv } from '../helpers/sync-env.js';

let env: SyncEnv;
let cliEnv: NodeJS.ProcessEnv;
let inbox: string;

beforeAll(async () => {
  env = await createSyncEnv();
  await env.importRows(SEEDED);
  await env.autoMap();
  inbox = path.join(env.app.dir, 'exports');
  fs.mkdirSync(inbox);
  cliEnv = { ...process.env, BARSY_SYNC_DB: path.join(env.app.dir, 'barsy-sync.sqlite'), BARSY_SYNC_LANG: 'en' };
}, 60_000);
afterAll(async () => env.cleanup());

describe('barsy-sync watch FOLDER --once --json (real child process)', () => {
  it('prints one JSON line per file handled and exits 0, failed imports included', async () => {
    const a = writeCsv(inbox, [...SEEDED, ...manyRows(3, 500)], 'a.csv');
    fs.utimesSync(a, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
    fs.writeFileSync(path.join(inbox, 'b.csv'), '');
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'not an export');
    const r = await runCliWith(['watch', inbox, '--once', '--json', '--settle-ms', '200'], cliEnv);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!)).toEqual(['file', 'action', 'importId', 'runId', 'counts']);
    expect(lines[0]).toMatchObject({ file: a, action: 'imported' });
    expect(lines[0]!.counts).toMatchObject({ clients: SEEDED.length + 3 });
    expect(lines[1]).toEqual({ file: path.join(inbox, 'b.csv'), action: 'failed', error: expect.stringMatching(/is empty/) });

    // Run again: nothing new, nothing printed.
    const again = await runCliWith(['watch', inbox, '--once', '--json'], cliEnv);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  }, 120_000);

  it('exits 1 with one line on a set-up problem', async () => {
    const missing = await runCliWith(['watch', path.join(inbox, 'nope'), '--once', '--json'], cliEnv);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Folder ".*nope" does not exist or is not a folder\./);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);

    const fresh = createTempApp('barsy-watch-fresh-');
    try {
      const r = await runCliWith(['watch', inbox, '--once', '--json'], { ...cliEnv, BARSY_SYNC_DB: path.join(fresh.dir, 'barsy-sync.sqlite') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Mailchimp is not connected/);
      expect(r.stdout).toBe('');
    } finally {
      await fresh.cleanup();
    }
  }, 120_000);
});

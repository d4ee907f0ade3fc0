import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { listSources, loadClients } from '../../main/import/client-store.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

/**
 * A database written by the importer before migration 071 (two tables for representatives; three
 * imports of the cp1251 sample: without a representatives file, with the wide one, with the long one),
 * and beside it what the read side returned from it then: `loadClients` and `listSources` of each import.
 */
export const FIXTURE_DB = path.join(import.meta.dirname, '..', 'fixtures', 'db', 'imports-before-071.sqlite');

export type FixtureExpected = Array<{ importId: number; representatives: number; clients: ReturnType<typeof loadClients>; sources: ReturnType<typeof listSources> }>;

/** What the read side returned from `FIXTURE_DB` when it was written. */
export function fixtureExpected(): FixtureExpected {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'db', 'imports-before-071.expected.json'), 'utf8')) as FixtureExpected;
}

/** Per test of the calling file: a copy of `FIXTURE_DB` and a temp app, each removed after the test. */
export function useTempResources(): { fixtureCopy: (prefix: string) => string; tempApp: (prefix: string) => TempApp } {
  let dir: string | undefined;
  let app: TempApp | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    fixtureCopy: (prefix) => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      const file = path.join(dir, 'barsy-sync.sqlite');
      fs.copyFileSync(FIXTURE_DB, file);
      return file;
    },
    tempApp: (prefix) => {
      app = createTempApp(prefix);
      return app;
    },
  };
}

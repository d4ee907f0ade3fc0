import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { openDatabase } from '../../main/db/open-database.js';
import { listSources, loadClients, loadClientsByIds, loadClientsPage } from '../../main/import/client-store.js';
import { decodeRepresentatives, encodeRepresentatives } from '../../main/import/rep-json.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callOk, sample } from '../helpers/import-files.js';

/**
 * Representatives live on the client row since migration 071. The fixture is a database written by
 * the importer before it (two tables for representatives; three imports of the cp1251 sample: without a
 * representatives file, with the wide one, with the long one), and the JSON beside it is what the read
 * side returned from it then: `loadClients` and `listSources` of each import.
 */
const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'db', 'imports-before-071.sqlite');
type Expected = Array<{ importId: number; representatives: number; clients: ReturnType<typeof loadClients>; sources: ReturnType<typeof listSources> }>;
const expected = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'db', 'imports-before-071.expected.json'), 'utf8')) as Expected;

const REQUESTS = [
  { path: sample('clients-cp1251.csv') },
  { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-wide.csv') },
  { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-long.csv') },
];

let dir: string | undefined;
let app: TempApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('representatives stored on the client row', () => {
  it('an existing database migrates with nothing lost: the same clients, representatives and merge sources', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-reps-071-'));
    const file = path.join(dir, 'barsy-sync.sqlite');
    fs.copyFileSync(FIXTURE, file);
    const db = openDatabase(file);
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'representative%'").all();
      expect(tables).toEqual([]);
      expect(expected.map((e) => e.representatives)).toEqual([10, 15, 15]);
      for (const e of expected) {
        expect(loadClients(db, e.importId), `import ${e.importId}`).toEqual(e.clients);
        expect(listSources(db, e.importId), `import ${e.importId}`).toEqual(e.sources);
        expect(loadClientsPage(db, e.importId, e.clients[9]!.id, 5)).toEqual(e.clients.slice(10, 15));
        const ids = e.clients.map((c) => c.id).reverse();
        expect(loadClientsByIds(db, e.importId, ids)).toEqual([...e.clients].reverse());
      }
      const withReps = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM clients WHERE representatives IS NOT NULL').get()!.n;
      expect(withReps).toBe(expected.reduce((n, e) => n + e.clients.filter((c) => c.representatives.length > 0).length, 0));
    } finally {
      db.close();
    }
  });

  it('a new import stores exactly what the old tables gave: clients, representatives in export order, sources and samples', async () => {
    app = createTempApp('barsy-reps-new-');
    for (const [i, req] of REQUESTS.entries()) {
      const s = await callOk<ImportSummary>(app.dispatch, 'import:run', req);
      expect(s.importId).toBe(expected[i]!.importId);
      expect(s.representatives).toBe(expected[i]!.representatives);
      expect(loadClients(app.ctx.db, s.importId)).toEqual(expected[i]!.clients);
      expect(listSources(app.ctx.db, s.importId)).toEqual(expected[i]!.sources);
    }
  });

  it('encodes representatives compactly and back, none as NULL', () => {
    const reps = [
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Милен "Мишо" Рилски' }, { field: 'Телефон', value: '0888 900 100' }] },
      { kind: 'Счетоводител', fields: [] },
      { kind: 'x', fields: [{ field: 'a\u0000b', value: '\n' }] },
    ];
    const json = encodeRepresentatives(reps)!;
    expect(json.startsWith('[["Управител","Име","Милен \\"Мишо\\" Рилски","Телефон","0888 900 100"],["Счетоводител"]')).toBe(true);
    expect(decodeRepresentatives(json)).toEqual(reps);
    expect(encodeRepresentatives([])).toBeNull();
    expect(decodeRepresentatives(null)).toEqual([]);
  });
});

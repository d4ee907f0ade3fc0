import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { openDatabase } from '../../main/db/open-database.js';
import { listSources, loadClients, loadClientsByIds, loadClientsPage } from '../../main/import/client-store.js';
import { decodeRepresentatives, encodeRepresentatives, RepShapes } from '../../main/import/rep-json.js';
import { callOk, sample } from '../helpers/import-files.js';
import { fixtureExpected, useTempResources } from './fixture-db.js';

/**
 * Representatives live on the client row since migration 071; the fixture (`fixture-db.ts`) was written
 * by the importer before it, with what the read side returned from it then.
 */
const expected = fixtureExpected();

const REQUESTS = [
  { path: sample('clients-cp1251.csv') },
  { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-wide.csv') },
  { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-long.csv') },
];

const { fixtureCopy, tempApp } = useTempResources();

describe('representatives stored on the client row', () => {
  it('an existing database migrates with nothing lost: the same clients, representatives and merge sources', () => {
    const db = openDatabase(fixtureCopy('barsy-reps-071-'));
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
    const app = tempApp('barsy-reps-new-');
    for (const [i, req] of REQUESTS.entries()) {
      const s = await callOk<ImportSummary>(app.dispatch, 'import:run', req);
      expect(s.importId).toBe(expected[i]!.importId);
      expect(s.representatives).toBe(expected[i]!.representatives);
      expect(loadClients(app.ctx.db, s.importId)).toEqual(expected[i]!.clients);
      expect(listSources(app.ctx.db, s.importId)).toEqual(expected[i]!.sources);
    }
  });

  it('encodes representatives by the shapes of their import and back, none as NULL', () => {
    const reps = [
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Милен "Мишо" Рилски' }, { field: 'Телефон', value: '0888 900 100' }] },
      { kind: 'Счетоводител', fields: [] },
      { kind: 'x', fields: [{ field: 'a\u0000b', value: '\n' }] },
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Ана' }] },
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Иво' }, { field: 'Телефон', value: '' }] },
    ];
    const shapes = new RepShapes();
    const json = encodeRepresentatives(reps, shapes)!;
    expect(json).toBe('[[0,"Милен \\"Мишо\\" Рилски","0888 900 100"],[1],[2,"\\n"],[3,"Ана"],[0,"Иво",""]]');
    const stored = JSON.parse(shapes.json()) as string[][];
    expect(stored).toEqual([['Управител', 'Име', 'Телефон'], ['Счетоводител'], ['x', 'a\u0000b'], ['Управител', 'Име']]);
    expect(decodeRepresentatives(json, stored)).toEqual(reps);
    // A second client's row reuses the shapes already numbered.
    expect(encodeRepresentatives([reps[3]!, reps[1]!], shapes)).toBe('[[3,"Ана"],[1]]');
    expect(shapes.json()).toBe(JSON.stringify(stored));
    expect(encodeRepresentatives([], shapes)).toBeNull();
    expect(decodeRepresentatives(null, stored)).toEqual([]);
    // Rows written before migration 077 name the kind and fields themselves.
    expect(decodeRepresentatives('[["Управител","Име","Ана","Телефон","1"],["Счетоводител"]]', [])).toEqual([
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Ана' }, { field: 'Телефон', value: '1' }] },
      { kind: 'Счетоводител', fields: [] },
    ]);
  });
});

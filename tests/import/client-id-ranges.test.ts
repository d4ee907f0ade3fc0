import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import type { Db } from '../../main/db/open-database.js';
import { openDatabase } from '../../main/db/open-database.js';
import { clientIdRange, loadClients, loadClientsPage } from '../../main/import/client-store.js';
import { callOk, sample } from '../helpers/import-files.js';
import { useTempResources } from './fixture-db.js';

/**
 * Since migration 076 an import's clients are the id range it records (consecutive ids in file order),
 * read by the primary key, and the clients (import_id, line) index is gone. The fixture is a database
 * written by the importer before migration 071 (three imports of the cp1251 sample).
 */
const { fixtureCopy, tempApp } = useTempResources();

/** Every import's stored range beside what its clients rows say. */
function rangesOf(db: Db) {
  return db
    .prepare<[], { id: number; first: number | null; last: number | null; min: number; max: number; n: number; count: number }>(
      `SELECT i.id, i.first_client_id AS first, i.last_client_id AS last, MIN(c.id) AS min, MAX(c.id) AS max, COUNT(c.id) AS n, i.client_count AS count
       FROM imports i JOIN clients c ON c.import_id = i.id GROUP BY i.id ORDER BY i.id`,
    )
    .all();
}

describe("an import's clients as an id range (migration 076)", () => {
  it('an existing database gets the range of each import, in file order, and loses the index', () => {
    const file = fixtureCopy('barsy-ranges-076-');
    const before = new Database(file, { readonly: true });
    const byLine = (importId: number) => before.prepare('SELECT id FROM clients WHERE import_id = ? ORDER BY line').pluck().all(importId) as number[];
    const expected = [1, 2, 3].map(byLine);
    before.close();
    expect(expected.map((ids) => ids.length)).toEqual([30, 30, 30]);

    const db = openDatabase(file);
    try {
      const ranges = rangesOf(db);
      expect(ranges).toHaveLength(3);
      for (const r of ranges) {
        expect([r.first, r.last]).toEqual([r.min, r.max]);
        expect(r.last! - r.first! + 1).toBe(r.n);
        expect(r.n).toBe(r.count);
      }
      // Ids follow file order in the old data too: the range read by id is the file order read by line.
      ranges.forEach((r, k) => expect(loadClients(db, r.id).map((c) => c.id)).toEqual(expected[k]));
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients'").pluck().all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a new import records its range; pages follow file order by the primary key, never a scan', async () => {
    const app = tempApp('barsy-ranges-new-');
    const a = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv') });
    const b = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: sample('clients-utf8.csv') });
    const { db } = app.ctx;
    const ra = clientIdRange(db, a.importId);
    const rb = clientIdRange(db, b.importId);
    expect(ra.last - ra.first + 1).toBe(a.clients);
    expect(rb.first).toBe(ra.last + 1);
    expect(rb.last - rb.first + 1).toBe(b.clients);
    expect(clientIdRange(db, 999)).toEqual({ first: 1, last: 0 });
    expect(loadClients(db, 999)).toEqual([]);

    const all = loadClients(db, b.importId);
    expect(all.map((c) => c.line)).toEqual([...all.map((c) => c.line)].sort((x, y) => x - y));
    expect(all.every((c) => c.importId === b.importId)).toBe(true);
    const paged = [];
    for (let after = 0, page = loadClientsPage(db, b.importId, after, 3); page.length > 0; page = loadClientsPage(db, b.importId, after, 3)) {
      paged.push(...page);
      after = page[page.length - 1]!.id;
    }
    expect(paged).toEqual(all);
    // The first page of the second import starts at its own first client, not after the first import's.
    expect(loadClientsPage(db, b.importId, 0, 1)[0]!.id).toBe(rb.first);

    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM clients WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?').all(rb.first, rb.last, 3) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INTEGER PRIMARY KEY/);
  });

  it('writes every client of a file whose count is not a multiple of the rows written per statement, in order', async () => {
    const app = tempApp('barsy-ranges-rest-');
    // 23 clients: two full statements of ten and three written one by one; the 7th repeats the 2nd's email.
    const rows = Array.from({ length: 23 }, (_, i) => {
      const n = i + 1;
      const email = n === 7 ? 'Client2@Shop.bg' : `client${n}@shop.bg`;
      return `${n};K${n};Клиент ${n};;${email};Група ${n % 3};Да;Не;0888 ${n}`;
    });
    const file = path.join(app.dir, 'clients.csv');
    fs.writeFileSync(file, `ID;Код;Име;Фирма;Email;Група;Maillist;Изтрит;Телефон\r\n${rows.join('\r\n')}\r\n`);
    const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: file });
    expect(s.clients).toBe(23);
    const clients = loadClients(app.ctx.db, s.importId);
    expect(clients.map((c) => [c.barsyId, c.code, c.name, c.email, c.group, c.line])).toEqual(
      rows.map((_, i) => {
        const n = i + 1;
        return [String(n), `K${n}`, `Клиент ${n}`, n === 7 ? 'Client2@Shop.bg' : `client${n}@shop.bg`, `Група ${n % 3}`, n + 1];
      }),
    );
    const { first, last } = clientIdRange(app.ctx.db, s.importId);
    expect(clients.map((c) => c.id)).toEqual(Array.from({ length: 23 }, (_, i) => first + i));
    expect(last).toBe(first + 22);
    // The duplicate is found across statements and counted once in its group.
    expect(clients[6]!.reasons).toContain('duplicate_email');
    expect(clients.filter((c) => c.reasons.includes('duplicate_email'))).toHaveLength(1);
    const groups = app.ctx.db.prepare('SELECT name, client_count AS n FROM client_groups WHERE import_id = ? ORDER BY name').all(s.importId);
    expect(groups).toEqual([
      { name: 'Група 0', n: 7 },
      { name: 'Група 1', n: 8 },
      { name: 'Група 2', n: 8 },
    ]);
  });
});


import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { migrations } from '../../main/db/migrations/index.js';
import { openDatabase, type Db } from '../../main/db/open-database.js';
import { loadClients } from '../../main/import/client-store.js';
import { callOk } from '../helpers/import-files.js';
import { fixtureExpected, useTempResources } from './fixture-db.js';

/**
 * Migration 077 drops `clients.email_key` (always the email lower-cased; the import's duplicate pass now
 * lower-cases the candidates' emails itself) and adds `imports.representative_shapes`. The fixture
 * (`fixture-db.ts`) holds three imports of the cp1251 sample, with duplicates that differ in case.
 */
const expected = fixtureExpected();
const { fixtureCopy, tempApp } = useTempResources();

const columnsOf = (db: Db, table: string) => db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];

/** Every table's rows without the columns 077 drops or adds, so the same dump can be taken before and after it. */
function dumpOutside077(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(
    tables.map((t) => {
      const cols = columnsOf(db, t).filter((c) => !(t === 'clients' && c === 'email_key') && !(t === 'imports' && c === 'representative_shapes'));
      return [t, db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t}" ORDER BY 1, 2`).raw().all()];
    }),
  );
}

describe('slimmer client rows (migration 077)', () => {
  it('an existing database loses email_key and nothing else: every row, client and schema object stays', () => {
    const file = fixtureCopy('barsy-slim-rows-077-');

    const before = openDatabase(file, migrations.filter((m) => m.version < 77));
    const keys = before.prepare<[], { email: string; email_key: string }>('SELECT email, email_key FROM clients ORDER BY id').all();
    // The invariant the migration relies on: the key was the (trimmed, stored) email lower-cased.
    expect(keys.length).toBe(90);
    expect(keys.some((k) => k.email !== k.email_key)).toBe(true);
    for (const k of keys) expect(k.email_key).toBe(k.email.toLowerCase());
    const rows = dumpOutside077(before);
    const objects = before.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
    before.close();

    const db = openDatabase(file);
    try {
      expect(columnsOf(db, 'clients')).not.toContain('email_key');
      expect(dumpOutside077(db)).toEqual(rows);
      // Their representatives keep the form that names kind and fields; no shapes are recorded for them.
      expect(db.prepare('SELECT representative_shapes FROM imports ORDER BY id').pluck().all()).toEqual(['[]', '[]', '[]']);
      expect([1, 2, 3].map((id) => loadClients(db, id))).toEqual(expected.map((e) => e.clients));
      expect(db.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all()).toEqual(objects);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 77').pluck().get()).toBe('slim-client-rows');
    } finally {
      db.close();
    }
  });

  it('a new import finds duplicates that differ only in case, and stores representatives by shape', async () => {
    const app = tempApp('barsy-slim-rows-new-');
    const rows = [
      '1;K1;Иван;;Ivan.Petrov@ABV.bg;VIP;Да;Не;Ана;0888 1;Бойко;',
      '2;K2;Мария;;maria@abv.bg;VIP;Да;Не;;;;',
      '3;K3;Иван 2;;ivan.petrov@abv.bg;VIP;Да;Не;Ана;;Бойко;0899 3',
      '4;K4;Мария 2;;MARIA@ABV.BG;VIP;Не;Не;;;;0899 4',
      '5;K5;Петър;;petar@abv.bg;VIP;Да;Не;Вера;0888 5;;',
    ];
    const file = path.join(app.dir, 'clients.csv');
    const header = 'ID;Код;Име;Фирма;Email;Група;Maillist;Изтрит;Управител: Име;Управител: Телефон;Счетоводител: Име;Счетоводител: Телефон';
    fs.writeFileSync(file, `${header}\r\n${rows.join('\r\n')}\r\n`);
    const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: file });
    expect(s.duplicates).toBe(2);
    expect(s.representatives).toBe(6);
    const { db } = app.ctx;
    const clients = loadClients(db, s.importId);
    expect(clients.map((c) => [c.email, c.duplicateOfLine])).toEqual([
      ['Ivan.Petrov@ABV.bg', null],
      ['maria@abv.bg', null],
      ['ivan.petrov@abv.bg', 2],
      ['MARIA@ABV.BG', 3],
      ['petar@abv.bg', null],
    ]);
    expect(clients[3]!.reasons).toEqual(['not_subscribed', 'duplicate_email']);
    expect(columnsOf(db, 'clients')).not.toContain('email_key');

    const rep = (kind: string, ...pairs: string[]) => ({ kind, fields: pairs.flatMap((v, i) => (i % 2 === 0 ? [{ field: v, value: pairs[i + 1]! }] : [])) });
    expect(clients.map((c) => c.representatives)).toEqual([
      [rep('Управител', 'Име', 'Ана', 'Телефон', '0888 1'), rep('Счетоводител', 'Име', 'Бойко')],
      [],
      [rep('Управител', 'Име', 'Ана'), rep('Счетоводител', 'Име', 'Бойко', 'Телефон', '0899 3')],
      [rep('Счетоводител', 'Телефон', '0899 4')],
      [rep('Управител', 'Име', 'Вера', 'Телефон', '0888 5')],
    ]);
    // Stored: each distinct kind with its fields once per import, each row only numbers and values.
    expect(JSON.parse(db.prepare('SELECT representative_shapes FROM imports WHERE id = ?').pluck().get(s.importId) as string)).toEqual([
      ['Управител', 'Име', 'Телефон'],
      ['Счетоводител', 'Име'],
      ['Управител', 'Име'],
      ['Счетоводител', 'Име', 'Телефон'],
      ['Счетоводител', 'Телефон'],
    ]);
    expect(db.prepare('SELECT representatives FROM clients WHERE import_id = ? ORDER BY id').pluck().all(s.importId)).toEqual([
      '[[0,"Ана","0888 1"],[1,"Бойко"]]',
      null,
      '[[2,"Ана"],[3,"Бойко","0899 3"]]',
      '[[4,"0899 4"]]',
      '[[0,"Вера","0888 5"]]',
    ]);
  });
});

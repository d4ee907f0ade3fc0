import { describe, expect, it } from 'vitest';
import { DuplicateKeys } from '../../main/import/duplicate-keys.js';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';

describe('DuplicateKeys', () => {
  it('names every client whose email was seen before, and the first holder once, across table growth', () => {
    const keys = new DuplicateKeys(16);
    const expected: number[] = [];
    let id = 0;
    for (let i = 0; i < 20_000; i++) {
      keys.add(`client.${i}@abv.bg`, ++id);
      if (i % 1000 === 0) expected.push(id);
    }
    // Each 1000th address again, twice: the first holder is named once, each repeat once.
    for (let i = 0; i < 20_000; i += 1000) {
      keys.add(`client.${i}@abv.bg`, ++id);
      expected.push(id);
      keys.add(`client.${i}@abv.bg`, ++id);
      expected.push(id);
    }
    expect(keys.candidateIds()).toEqual(expected.sort((a, b) => a - b));
  });

  it('names nobody when every email is different', () => {
    const keys = new DuplicateKeys();
    for (let i = 1; i <= 5000; i++) keys.add(`x${i}@mail.bg`, i);
    expect(keys.candidateIds()).toEqual([]);
  });
});

describe('migration 074', () => {
  it('drops the email index the import no longer needs and keeps the line index (until migration 076)', () => {
    const db = openDatabase(':memory:', migrations.filter((m) => m.version <= 74));
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients'").all().map((r) => r.name);
    expect(indexes).toContain('clients_import');
    expect(indexes).not.toContain('clients_email');
    db.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportSummary } from '../../shared/domain/import.js';
import type { ResponseOf } from '../../shared/ipc-contract.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { getCurrentImportId } from '../../main/import/client-store.js';
import { callError, callOk, dumpDb, sample } from '../helpers/import-files.js';

let app: TempApp;
beforeEach(() => {
  app = createTempApp('barsy-import-');
});
afterEach(async () => {
  await app.cleanup();
});

const run = (req: Record<string, unknown>) => callOk<ImportSummary>(app.dispatch, 'import:run', req);
const CLIENTS = sample('clients-cp1251.csv');

/** Maps four of the sample's groups in audience `list1`, and `Служители` explicitly to "don't sync". */
function mapGroups(): void {
  app.ctx.settings.set('mailchimp.listId', 'list1');
  const insert = app.ctx.db.prepare('INSERT INTO group_mappings (list_id, barsy_group, interest_id, category_id, interest_name) VALUES (?, ?, ?, ?, ?)');
  for (const [g, id] of [['Редовни клиенти', 'i1'], ['VIP', 'i2'], ['Заведения', 'i3'], ['Фирми', 'i4'], ['Служители', null]] as const) insert.run('list1', g, id, 'c1', g);
  insert.run('other-list', 'Служители', 'i9', 'c9', 'x');
}

describe('import:run on the sample Barsy export', () => {
  it('reports exact counts, reasons, groups and warnings', async () => {
    const s = await run({ path: CLIENTS });
    expect(s).toMatchObject({
      importId: 1, fileName: 'clients-cp1251.csv', rows: 30, clients: 30, representatives: 10, encoding: 'cp1251', delimiter: ';',
      eligible: 0,
      ineligible: { group_not_mapped: 30, not_subscribed: 3, no_email: 1, invalid_email: 3, deleted: 2, duplicate_email: 3 },
      duplicates: 3, alreadyImported: false,
    });
    expect(s.groups).toEqual([
      { name: '', clients: 1 }, { name: 'VIP', clients: 7 }, { name: 'Заведения', clients: 3 },
      { name: 'Редовни клиенти', clients: 13 }, { name: 'Служители', clients: 2 }, { name: 'Фирми', clients: 4 },
    ]);
    expect(s.warnings).toEqual([
      { line: 16, code: 'email_lookalike', detail: 't\u043edor.ivanov@mail.bg → todor.ivanov@mail.bg' },
      { line: 17, code: 'email_invalid', detail: 'radostina.koleva.abv.bg' },
      { line: 18, code: 'email_invalid', detail: 'vasil.tanev@abv' },
      { line: 20, code: 'duplicate_email', detail: 'office@hotelrila.bg = 19' },
      { line: 28, code: 'duplicate_email', detail: 'emil.hristov@abv.bg = 27' },
      { line: 29, code: 'duplicate_email', detail: 'daniela.angelova@mail.bg = 30' },
    ]);
  });

  it('computes group_not_mapped from the current audience mappings (NULL interest = not mapped)', async () => {
    await run({ path: CLIENTS });
    mapGroups();
    const current = await callOk<ImportSummary>(app.dispatch, 'import:current', {});
    expect(current).toMatchObject({
      importId: 1, eligible: 17, alreadyImported: false,
      ineligible: { group_not_mapped: 3, not_subscribed: 3, no_email: 1, invalid_email: 3, deleted: 2, duplicate_email: 3 },
    });
    app.ctx.settings.set('mailchimp.listId', 'other-list');
    // In the other audience only "Служители" is mapped: its two clients are eligible there.
    expect(await callOk<ImportSummary>(app.dispatch, 'import:current', {})).toMatchObject({ eligible: 2, ineligible: { group_not_mapped: 28 } });
  });

  it('lists clients with filters, reasons, search and paging', async () => {
    await run({ path: CLIENTS });
    mapGroups();
    type Page = ResponseOf<'clients:list'>;
    const list = (req: Record<string, unknown>) => callOk<Page>(app.dispatch, 'clients:list', req);
    const all = await list({ limit: 1000 });
    expect(all.total).toBe(30);
    expect(all.items.map((c) => c.line).slice(0, 12)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
    expect((await list({ filter: 'eligible' })).total).toBe(17);
    expect((await list({ filter: 'ineligible' })).total).toBe(13);
    expect((await list({ filter: 'ineligible', reason: 'group_not_mapped' })).items.map((c) => c.barsyId)).toEqual(['1020', '1021', '1030']);
    const dups = await list({ reason: 'duplicate_email' });
    expect(dups.items.map((c) => [c.barsyId, c.duplicateOfLine, c.allReasons])).toEqual([
      ['1018', 19, ['duplicate_email']],
      ['1026', 27, ['not_subscribed', 'duplicate_email']],
      ['1027', 30, ['deleted', 'duplicate_email']],
    ]);
    const rila = await list({ search: 'РИЛА' });
    expect(rila.items.map((c) => c.name)).toEqual(['Хотел Рила', 'Хотел Рила – рецепция']);
    expect((await list({ search: 'C1014' })).items[0]).toMatchObject({ emailSuggestion: 'todor.ivanov@mail.bg', eligible: false, allReasons: ['invalid_email'] });
    const page = await list({ offset: 10, limit: 2 });
    expect(page).toMatchObject({ total: 30 });
    expect(page.items.map((c) => c.barsyId)).toEqual(['1011', '1012']);
    const kafe = (await list({ search: 'круша' })).items[0]!;
    expect(kafe).toMatchObject({ line: 11, name: 'Кафе "Златна круша"; Варна', eligible: true, allReasons: [] });
    expect(kafe.extra).toEqual({ Телефон: '052 611 222', Град: 'Варна', Адрес: 'бул. Приморски 44\nет. 2', Бележка: 'Доставка в петък' });
  });

  it('fails clients:list and gives a null current import before any import', async () => {
    expect(await callOk(app.dispatch, 'import:current', {})).toBeNull();
    expect(await callError(app.dispatch, 'clients:list', {})).toEqual({ code: 'no_import', params: {} });
  });
});

describe('re-import and current import', () => {
  it('recognises an identical file and options, writes nothing new, and makes it current again', async () => {
    const first = await run({ path: CLIENTS });
    const other = await run({ path: sample('clients-utf8.csv') });
    expect(other).toMatchObject({ importId: 2, clients: 8, encoding: 'utf8', delimiter: ',' });
    expect(getCurrentImportId(app.ctx.db)).toBe(2);
    const rows = () => {
      const d = dumpDb(app.ctx.db);
      return Object.fromEntries(Object.entries(d).map(([t, r]) => [t, r.length]));
    };
    const before = rows();
    const again = await run({ path: CLIENTS });
    expect(again).toMatchObject({ importId: first.importId, alreadyImported: true, clients: 30 });
    expect(rows()).toEqual(before);
    expect(getCurrentImportId(app.ctx.db)).toBe(1);
    expect((await callOk<ImportSummary>(app.dispatch, 'import:current', {})).importId).toBe(1);
  });

  it('imports again when the options or the representatives file differ', async () => {
    await run({ path: CLIENTS });
    expect((await run({ path: CLIENTS, encoding: 'cp1251' })).importId).toBe(2);
    expect((await run({ path: CLIENTS, representativesPath: sample('representatives-wide.csv') })).importId).toBe(3);
    expect((await run({ path: CLIENTS, representativesPath: sample('representatives-wide.csv') })).alreadyImported).toBe(true);
  });

  it('cache:clear deletes imports and clients but keeps settings and mappings', async () => {
    await run({ path: CLIENTS, representativesPath: sample('representatives-long.csv') });
    mapGroups();
    const preview = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: sample('clients-utf8.csv') });
    await run({ path: sample('clients-utf8.csv'), columnMapping: preview.columnMapping });
    await callOk(app.dispatch, 'cache:clear', {});
    const d = dumpDb(app.ctx.db);
    for (const t of ['imports', 'clients', 'client_groups']) expect(d[t], t).toEqual([]);
    expect(d.group_mappings).toHaveLength(6);
    expect(d.header_mappings).toHaveLength(1);
    expect(app.ctx.settings.get('mailchimp.listId')).toBe('list1');
    expect(await callOk(app.dispatch, 'import:current', {})).toBeNull();
    expect((await run({ path: CLIENTS })).alreadyImported).toBe(false);
  });
});

describe('representatives files', () => {
  it('appends wide and long representatives after the clients-file columns, in file order', async () => {
    for (const file of ['representatives-wide.csv', 'representatives-long.csv'] as const) {
      const s = await run({ path: CLIENTS, representativesPath: sample(file) });
      expect(s.representatives, file).toBe(15);
      const page = await callOk<ResponseOf<'clients:list'>>(app.dispatch, 'clients:list', { search: '1017' });
      expect(page.items[0]!.representatives.map((r) => `${r.kind}: ${r.fields.map((f) => f.value).join(', ')}`), file).toEqual([
        'Управител: Милен Рилски, 0888 900 100',
        'Счетоводител: Ваня Маркова, 0899 222 333',
        'Управител: Росица Рилска, 0888 900 101, Оперативен мениджър',
        'Рецепционист: Деян Петков, 0888 900 102',
      ]);
    }
  });

  it('rolls the whole import back when a representative names an unknown client', async () => {
    await run({ path: CLIENTS });
    const before = dumpDb(app.ctx.db);
    const err = await callError(app.dispatch, 'import:run', { path: sample('clients-utf8.csv'), representativesPath: sample('representatives-wide.csv') });
    expect(err).toEqual({ code: 'representatives_unknown_client', params: { file: 'representatives-wide.csv', client: '1003' }, line: 2 });
    expect(dumpDb(app.ctx.db)).toEqual(before);
  });
});

describe('import:preview and the column mapping', () => {
  it('previews without writing, then remembers an edited mapping for that header set', async () => {
    const before = dumpDb(app.ctx.db);
    const p = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: CLIENTS });
    expect(dumpDb(app.ctx.db)).toEqual(before);
    expect(p).toMatchObject({ fileName: 'clients-cp1251.csv', encoding: 'cp1251', delimiter: ';', fileSize: 3327 });
    expect(p.headers).toHaveLength(16);
    expect(p.sampleRows).toHaveLength(10);
    expect(p.sampleRows[9]![2]).toBe('Кафе "Златна круша"; Варна');
    expect(p.columnMapping.map((c) => c.target.type)).toEqual([
      'field', 'field', 'field', 'field', 'field', 'field', 'field', 'field', 'field', 'field', 'field', 'extra',
      'representative', 'representative', 'representative', 'representative',
    ]);
    // The user says "Бележка" is not to be kept and "Град" is a plain extra.
    const edited = p.columnMapping.map((c) => (c.header === 'Бележка' ? { ...c, target: { type: 'ignore' as const } } : c));
    const s = await run({ path: CLIENTS, columnMapping: edited });
    expect(s.alreadyImported).toBe(false);
    const again = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: CLIENTS });
    expect(again.columnMapping.find((c) => c.header === 'Бележка')!.target).toEqual({ type: 'ignore' });
    // Without a mapping, the remembered one applies, so this is the same import.
    expect((await run({ path: CLIENTS })).alreadyImported).toBe(true);
  });

  it('rejects a mapping without an email column, writing nothing', async () => {
    const p = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: CLIENTS });
    const before = dumpDb(app.ctx.db);
    const noEmail = p.columnMapping.map((c) => (c.header === 'Email' ? { ...c, target: { type: 'extra' as const } } : c));
    expect((await callError(app.dispatch, 'import:run', { path: CLIENTS, columnMapping: noEmail })).code).toBe('csv_no_email_column');
    expect(dumpDb(app.ctx.db)).toEqual(before);
  });
});

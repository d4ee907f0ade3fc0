import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { clientSchema } from '../../shared/domain/client.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { getCurrentImportId, listGroups, listSources, loadClients, sourceValues } from '../../main/import/client-store.js';
import { callOk, sample } from '../helpers/import-files.js';

let app: TempApp;
let importId: number;
beforeAll(async () => {
  app = createTempApp('barsy-store-');
  await callOk(app.dispatch, 'import:run', { path: sample('clients-utf8.csv') });
  importId = (await callOk<ImportSummary>(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-wide.csv') })).importId;
});
afterAll(async () => {
  await app.cleanup();
});

describe('client store (the sync engine reads clients through these)', () => {
  it('getCurrentImportId is the latest import', () => {
    expect(getCurrentImportId(app.ctx.db)).toBe(importId);
  });

  it('loadClients returns every client in file order, schema-valid, with representatives in export order', () => {
    const clients = loadClients(app.ctx.db, importId);
    expect(clients).toHaveLength(30);
    for (const c of clients) clientSchema.parse(c);
    expect(clients.map((c) => c.line)).toEqual([...clients.map((c) => c.line)].sort((a, b) => a - b));
    const lipa = clients.find((c) => c.barsyId === '1003')!;
    expect(lipa).toMatchObject({ importId, line: 4, code: 'C1003', name: 'Ресторант Липа', company: 'Липа ЕООД', email: 'restorant.lipa@abv.bg', group: 'Заведения', subscribed: true, deleted: false, reasons: [], emailSuggestion: null, duplicateOfLine: null });
    expect(lipa.extra).toEqual({ Телефон: '032 600 700', Град: 'Пловдив', Адрес: 'ул. Липа 3', Бележка: '' });
    expect(lipa.representatives).toEqual([
      { kind: 'Управител', fields: [{ field: 'Име', value: 'Стоян Липов' }, { field: 'Телефон', value: '0888 555 111' }] },
      { kind: 'Счетоводител', fields: [{ field: 'Име', value: 'Ваня Маркова' }, { field: 'Телефон', value: '0899 222 333' }] },
      { kind: 'Сервитьор', fields: [{ field: 'Име', value: 'Георги Сервитьоров' }, { field: 'Телефон', value: '0877 333 222' }, { field: 'Длъжност', value: 'Старши сервитьор' }] },
    ]);
    expect(clients.find((c) => c.barsyId === '1023')).toMatchObject({ name: 'Светла Методиева', email: 'svetla.metodieva@yahoo.com' });
    expect(clients.find((c) => c.barsyId === '1027')).toMatchObject({ reasons: ['deleted', 'duplicate_email'], duplicateOfLine: 30 });
  });

  it('loadClients of another import and of a missing one', () => {
    expect(loadClients(app.ctx.db, 1)).toHaveLength(8);
    expect(loadClients(app.ctx.db, 999)).toEqual([]);
  });

  it('listGroups gives names and counts', () => {
    expect(listGroups(app.ctx.db, importId)).toEqual([
      { name: '', clients: 1 }, { name: 'VIP', clients: 7 }, { name: 'Заведения', clients: 3 },
      { name: 'Редовни клиенти', clients: 13 }, { name: 'Служители', clients: 2 }, { name: 'Фирми', clients: 4 },
    ]);
  });

  it('listSources gives name, email, company, extra columns and representative fields with up to 3 samples', () => {
    expect(listSources(app.ctx.db, importId)).toEqual([
      { source: 'name', origin: 'client', samples: ['Иван Петров', 'Мария Иванова', 'Ресторант Липа'] },
      { source: 'email', origin: 'client', samples: ['ivan.petrov@abv.bg', 'maria.ivanova@gmail.com', 'restorant.lipa@abv.bg'] },
      { source: 'company', origin: 'client', samples: ['Липа ЕООД', 'Тодоров и син ООД', 'Златна круша ООД'] },
      { source: 'Телефон', origin: 'extra', samples: ['0888 123 456', '0877 234 567', '032 600 700'] },
      { source: 'Град', origin: 'extra', samples: ['София', 'Пловдив', 'Варна'] },
      { source: 'Адрес', origin: 'extra', samples: ['ул. Витоша 12', 'бул. Марица 5', 'ул. Липа 3'] },
      { source: 'Бележка', origin: 'extra', samples: ['Предпочита SMS', 'Доставка в петък', 'Закрит акаунт'] },
      { source: 'Управител: Име', origin: 'representative', samples: ['Стоян Липов', 'Николай Тодоров', 'Калина Петрова'] },
      { source: 'Управител: Телефон', origin: 'representative', samples: ['0888 555 111', '0888 700 800', '0887 121 314'] },
      { source: 'Счетоводител: Име', origin: 'representative', samples: ['Ваня Маркова', 'Борис Ангелов'] },
      { source: 'Счетоводител: Телефон', origin: 'representative', samples: ['0899 222 333', '0878 151 617'] },
      { source: 'Сервитьор: Име', origin: 'representative', samples: ['Георги Сервитьоров'] },
      { source: 'Сервитьор: Телефон', origin: 'representative', samples: ['0877 333 222'] },
      { source: 'Сервитьор: Длъжност', origin: 'representative', samples: ['Старши сервитьор'] },
      { source: 'Управител: Длъжност', origin: 'representative', samples: ['Оперативен мениджър'] },
      { source: 'Рецепционист: Име', origin: 'representative', samples: ['Деян Петков'] },
      { source: 'Рецепционист: Телефон', origin: 'representative', samples: ['0888 900 102'] },
      { source: 'Пълномощник: Име', origin: 'representative', samples: ['Мария Костова'] },
      { source: 'Пълномощник: Телефон', origin: 'representative', samples: ['0899 765 432'] },
      { source: 'Пълномощник: Длъжност', origin: 'representative', samples: ['Съпруга'] },
      { source: 'Счетоводител: Длъжност', origin: 'representative', samples: ['Външен счетоводител'] },
    ]);
  });

  it('sourceValues: one value per client field, one per representative of the kind in export order', () => {
    const rila = loadClients(app.ctx.db, importId).find((c) => c.barsyId === '1017')!;
    expect(sourceValues(rila, 'name')).toEqual(['Хотел Рила']);
    expect(sourceValues(rila, 'email')).toEqual(['office@hotelrila.bg']);
    expect(sourceValues(rila, 'company')).toEqual(['Рила Хотелс АД']);
    expect(sourceValues(rila, 'Бележка')).toEqual(['Корпоративен договор']);
    expect(sourceValues(rila, 'Адрес')).toEqual(['']);
    expect(sourceValues(rila, 'Управител: Име')).toEqual(['Милен Рилски', 'Росица Рилска']);
    expect(sourceValues(rila, 'Управител: Длъжност')).toEqual(['', 'Оперативен мениджър']);
    expect(sourceValues(rila, 'Пълномощник: Име')).toEqual([]);
    expect(sourceValues(rila, 'Нещо непознато')).toEqual([]);
  });
});

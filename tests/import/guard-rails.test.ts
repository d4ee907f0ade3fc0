import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { checkEmail, isValidEmail, showInvisible } from '../../main/import/email.js';
import { MAX_FILE_BYTES } from '../../main/import/read-csv.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callError, callOk, dumpDb, sample, writeTemp } from '../helpers/import-files.js';

/*
 * Guard rails: a file far larger than any Barsy export is refused before it is read, and invisible
 * characters (zero-width, bidirectional controls) in an email can neither pass as valid nor make one
 * address look like two.
 */
let app: TempApp;
beforeAll(async () => {
  app = createTempApp('barsy-guard-');
  await callOk(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv') });
});
afterAll(async () => {
  await app.cleanup();
});

describe('size cap', () => {
  it('refuses a file over 500 MB with one clear message, before reading it, changing nothing', async () => {
    // A sparse file: 501 MB on paper, nothing on disk.
    const big = writeTemp(app.dir, 'backup.csv', '');
    fs.truncateSync(big, MAX_FILE_BYTES + 1024 * 1024);
    const before = dumpDb(app.ctx.db);
    for (const channel of ['import:preview', 'import:run']) {
      expect(await callError(app.dispatch, channel, { path: big })).toEqual({
        code: 'file_too_large',
        params: { file: 'backup.csv', limit: '500 MB', size: '501 MB' },
      });
    }
    const reps = await callError(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv'), representativesPath: big });
    expect(reps.code).toBe('file_too_large');
    expect(dumpDb(app.ctx.db)).toEqual(before);
  });
});

describe('invisible characters in emails', () => {
  const ZWSP = '\u200b';
  const RLO = '\u202e';
  const cases = ['iv\u200ban@abv.bg', 'ivan@ab\u200bv.bg', 'ivan@abv.bg\u200d', '\u200eivan@abv.bg', `ivan@${RLO}gb.vba`, 'iv\u00adan@abv.bg', 'ivan\u2060@abv.bg', 'ivan@abv\u2066.bg'];

  it('are never valid, and the cleaned address is the suggestion', () => {
    for (const email of cases) {
      const c = checkEmail(email);
      expect(c.status, showInvisible(email)).toBe('invalid');
      expect(c.invisible).toBe(true);
    }
    expect(checkEmail(`iv${ZWSP}an@abv.bg`).suggestion).toBe('ivan@abv.bg');
    // After the @ validator alone would have let it through: that is the hole this closes.
    expect(isValidEmail(`ivan@ab${ZWSP}v.bg`)).toBe(true);
    expect(checkEmail(`ivan@ab${ZWSP}v.bg`)).toMatchObject({ status: 'invalid', suggestion: 'ivan@abv.bg', invisible: true });
    // Invisible and look-alike together: both cleaned.
    expect(checkEmail(`iv\u0430${ZWSP}n@abv.bg`)).toMatchObject({ status: 'invalid', suggestion: 'ivan@abv.bg', lookalike: true, invisible: true });
  });

  it('are written out in warnings', () => {
    expect(showInvisible(`iv${ZWSP}an@abv.bg`)).toBe('iv⟦U+200B⟧an@abv.bg');
  });

  it('in an import: flagged with the cleaned address, and the clean twin stays the only member', async () => {
    const file = writeTemp(
      app.dir,
      'invisible.csv',
      `ID;Име;Email;Група;Абониран;Изтрит\n1;Иван;ivan@abv.bg;VIP;Да;Не\n2;Иван 2;ivan@ab${ZWSP}v.bg;VIP;Да;Не\n3;Мария;mar${RLO}ia@abv.bg;VIP;Да;Не\n`,
    );
    const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: file });
    expect(s.ineligible.invalid_email).toBe(2);
    expect(s.warnings).toEqual([
      { line: 3, code: 'email_invisible', detail: 'ivan@ab⟦U+200B⟧v.bg → ivan@abv.bg' },
      { line: 4, code: 'email_invisible', detail: 'mar⟦U+202E⟧ia@abv.bg → maria@abv.bg' },
    ]);
    const rows = app.ctx.db.prepare('SELECT line, email_suggestion, reasons FROM clients WHERE import_id = ? ORDER BY line').raw().all(s.importId);
    expect(rows).toEqual([
      [2, null, '[]'],
      [3, 'ivan@abv.bg', '["invalid_email"]'],
      [4, 'maria@abv.bg', '["invalid_email"]'],
    ]);
  });
});

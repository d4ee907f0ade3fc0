import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import type { RunItem } from '../../shared/domain/sync.js';
import { emailParts, markedEmailText } from '../../shared/domain/email-marks.js';
import { loadClients } from '../../main/import/client-store.js';
import { loadRunData } from '../../main/runs/run-data.js';
import { renderRunReport } from '../../main/report/report-document.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callOk, writeTemp } from '../helpers/import-files.js';
import { storeRun } from '../helpers/report/stored-run.js';
import { item, runOf } from '../helpers/report/synthetic-run.js';

/*
 * Findable in Barsy and fixable at a glance: every report form carries the client's Barsy ID and code,
 * and an email refused for look-alike (`stoуan_rusеv`, Cyrillic у and е) or invisible characters is shown
 * with those characters marked and the corrected address beside it. Built from a real import and a run
 * stored through the engine's run store, read back through its loaders.
 */
let app: TempApp;
let csv: string[][];
let html: string;
let text: string;

beforeAll(async () => {
  app = createTempApp('barsy-report-keys-');
  const file = writeTemp(
    app.dir,
    'klienti.csv',
    'ID;Код клиент;Имена на клиент;Email на клиент;Група;Абонамент за Maillist\n' +
      '1001;C1001;Стоян Русев;sto\u0443an_rus\u0435v@icloud.com;VIP;Да\n' +
      '1002;C1002;Мария;mar\u200bia@abv.bg;VIP;Да\n' +
      '1003;;Петър;petar@abv.bg;VIP;Да\n',
  );
  const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: file });
  const clients = loadClients(app.ctx.db, s.importId);
  const items: RunItem[] = clients.map((c) =>
    item(c.line, {
      clientId: c.id,
      name: c.name,
      email: c.email,
      group: c.group,
      outcome: c.reasons.includes('invalid_email') ? 'skipped' : 'created',
      reason: c.reasons.includes('invalid_email') ? 'invalid_email' : null,
    }),
  );
  const runId = storeRun(app.ctx.db, runOf(items));
  const data = loadRunData(app.ctx.db, runId);
  const doc = renderRunReport(data, { lang: 'bg', version: '0.1.0', context: 'email' });
  csv = Papa.parse<string[]>(doc.csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
  html = doc.html;
  text = doc.text;
});
afterAll(async () => {
  await app.cleanup();
});

describe('the report finds the client in Barsy and shows a refused email fixed', () => {
  it('the CSV has Barsy ID and code columns, the email marked and the corrected address beside it', () => {
    expect(csv[0]!.slice(0, 6)).toEqual(['Ред', 'ID в Barsy', 'Код', 'Клиент', 'Имейл', 'Поправен имейл']);
    expect(csv.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['2', '1001', 'C1001', 'Стоян Русев', 'sto⟦у⟧an_rus⟦е⟧v@icloud.com', 'stoyan_rusev@icloud.com'],
      ['3', '1002', 'C1002', 'Мария', 'mar⟦U+200B⟧ia@abv.bg', 'maria@abv.bg'],
      ['4', '1003', '', 'Петър', 'petar@abv.bg', ''],
    ]);
  });

  it('the email (HTML and text) marks the characters and gives the correction and the Barsy keys', () => {
    expect(html).toContain('sto<mark title="U+0443 «у»"');
    expect(html).toContain('→ <b style="color:#166534;">stoyan_rusev@icloud.com</b>');
    expect(html).toContain('ID 1001 · код C1001');
    expect(html).toContain('⟦U+200B⟧</mark>ia@abv.bg');
    expect(text).toContain('ред 2, ID 1001 · код C1001: Стоян Русев <sto⟦у⟧an_rus⟦е⟧v@icloud.com> (поправен: stoyan_rusev@icloud.com)');
  });

  it('marks only what differs from plain ASCII, and nothing without a correction', () => {
    expect(emailParts('ivan@пример.бг', null)).toEqual([{ text: 'ivan@пример.бг', marked: false, hint: '' }]);
    expect(markedEmailText('iv\u0430n@abv.bg', 'ivan@abv.bg')).toBe('iv⟦а⟧n@abv.bg');
  });
});

import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { renderRunReport } from '../../main/report/report-document.js';
import { csvCell, neutraliseFormula } from '../../main/report/render-csv.js';
import { escapeHtml } from '../../main/report/render-html.js';
import { everySectionRun, item, mixedRun, runOf } from '../helpers/report/synthetic-run.js';

const render = (lang: 'bg' | 'en' = 'bg', data = mixedRun(), context: 'email' | 'export' = 'email') =>
  renderRunReport(data, { lang, version: '0.1.0', context });

function parseCsv(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('report content', () => {
  it('puts the audience and the key numbers in the subject, in Bulgarian by default and English on request', () => {
    expect(render('bg').subject).toBe('Синхронизация с Mailchimp „Клиенти на „Кафе Витоша““: 16 клиента — нови 1, обновени 2, неуспешни 2');
    expect(render('en').subject).toBe('Sync with Mailchimp "Клиенти на „Кафе Витоша“": 16 clients — 1 added, 2 updated, 2 failed');
  });

  it('shows counts that add up, with the check written out', () => {
    const { text, html } = render('en');
    expect(text).toContain('Check: 16 = 1 + 2 + 1 + 7 + 3 + 2 (clients = added + updated + unchanged + skipped + status kept + failed)');
    expect(html).toContain('16 = 1 + 2 + 1 + 7 + 3 + 2');
    expect(text).toContain('Duration: 2 min 05 s');
    expect(text).toContain('Barsy file: klienti-2025-11.csv');
  });

  it('refuses to render a run whose counts do not add up', () => {
    const data = mixedRun();
    data.summary.counts.created += 1;
    expect(() => render('bg', data)).toThrow(/counts do not add up/);
    const missing = mixedRun();
    missing.items.pop();
    expect(() => render('bg', missing)).toThrow(/items listed/);
  });

  it('lists failures with Mailchimp\u2019s reason in plain words and what to do', () => {
    const { text } = render('en');
    expect(text).toContain('FAILED (2)');
    expect(text).toMatch(/line 14: <script>alert\(1\)<\/script> <x@example\.bg> \[Редовни\] — The address was permanently deleted in Mailchimp/);
    expect(text).toContain('Mailchimp does not accept the fields: ADDRESS. Check the field mapping.');
  });

  it('groups skipped clients by reason and kept ones by status, each with what to do', () => {
    const { text } = render('bg');
    for (const title of [
      'ПРОПУСНАТИ: НЯМА ИМЕЙЛ (1)',
      'ПРОПУСНАТИ: НЕВАЛИДЕН ИМЕЙЛ (1)',
      'ПРОПУСНАТИ: НЯМА MAILLIST АБОНАМЕНТ (2)',
      'ПРОПУСНАТИ: ИЗТРИТ В BARSY (1)',
      'ПРОПУСНАТИ: ГРУПАТА НЕ Е СВЪРЗАНА С MAILCHIMP (1)',
      'ПРОПУСНАТИ: ИМЕЙЛЪТ Е НА ДРУГ КЛИЕНТ (1)',
      'ЗАПАЗЕН СТАТУС: ОТПИСАН (1)',
      'ЗАПАЗЕН СТАТУС: ИЗЧИСТЕН (ПИСМАТА НЕ СЕ ДОСТАВЯТ) (1)',
      'ЗАПАЗЕН СТАТУС: ЧАКА ПОТВЪРЖДЕНИЕ (1)',
      'СЪКРАТЕНИ СТОЙНОСТИ (1)',
      'ПРЕМАХНАТИ ОТ АУДИТОРИЯТА (1)',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Програмата никога не ги абонира отново');
    expect(text).toContain('NOTES: 412 байта → „Дълга бележка за клиента…“');
  });

  it('keeps a client named <script> as text in the HTML, with no script, no external asset, inline styles only', () => {
    const { html } = render('bg');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style|<link|<img|class=|src=|href=|url\(/i);
    expect(html).toContain('„Кафе Витоша“');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('caps long lists in the email and points at the attachment; the CSV still has every client', () => {
    const items = Array.from({ length: 180 }, (_, i) => item(i + 2, { outcome: 'skipped', reason: 'not_subscribed' }));
    const doc = render('en', runOf(items));
    expect(doc.text).toContain('SKIPPED: NOT SUBSCRIBED TO THE MAIL LIST (180)');
    expect(doc.text).toContain('…and 130 more — see the attached CSV file.');
    expect((doc.html.match(/<tr><td valign="top"/g) ?? []).length).toBe(50);
    expect(parseCsv(doc.csv)).toHaveLength(181);
    expect(render('en', runOf(items), 'export').text).not.toContain('more');
  });

  it('keeps the email\u2019s HTML under Gmail\u2019s clipping size even when every list is long', () => {
    const data = everySectionRun(200);
    const doc = render('bg', data);
    expect(Buffer.byteLength(doc.html)).toBeLessThan(100_000);
    // Failures come first and get the most room; every list still shows its first lines.
    expect(doc.text).toContain('НЕУСПЕШНИ (200)\n');
    expect(doc.text).toContain('…и още 150 — вижте прикачения CSV файл.');
    expect(doc.text).toContain('…и още 397 — вижте прикачения CSV файл.');
    expect(doc.text).toContain('ОБНОВЕНИ В АУДИТОРИЯТА (400)');
    expect(parseCsv(doc.csv)).toHaveLength(data.items.length + 1);
  });

  it('says so when the run did not finish, and counts the clients without a result', () => {
    const items = [item(2, { outcome: 'created' }), item(3, { outcome: null }), item(4, { outcome: null })];
    const data = runOf(items, { status: 'interrupted' });
    const { text, csv } = render('en', data);
    expect(text).toContain('The sync did not finish (interrupted); 2 clients have no result yet.');
    expect(text).toContain('3 = 1 + 0 + 0 + 0 + 0 + 0 + 2 (no result)');
    expect(parseCsv(csv).slice(1).map((r) => r[7])).toEqual(['added', 'no result', 'no result']);
  });
});

describe('CSV attachment', () => {
  it('has a BOM, ";" between cells, one row per client in file order, Cyrillic intact', () => {
    const data = mixedRun();
    const rows = parseCsv(render('bg', data).csv);
    expect(rows[0]).toEqual(['Ред', 'ID в Barsy', 'Код', 'Клиент', 'Имейл', 'Поправен имейл', 'Група', 'Резултат', 'Причина / подробности', 'Съкратени стойности', 'Премахване']);
    expect(rows).toHaveLength(data.items.length + 1);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(data.items.map((i) => i.line));
    expect(rows[1]).toEqual(['2', '', '', 'Иван Петров', 'ivan@example.bg', '', 'VIP', 'добавен', '', '', '']);
    expect(rows.find((r) => r[0] === '11')?.[8]).toBe('отписан');
    expect(rows.find((r) => r[0] === '5')?.[8]).toBe('няма имейл');
  });

  it('neutralises formulas and quotes delimiters, quotes and line breaks', () => {
    const rows = parseCsv(render('bg').csv);
    const byLine = (l: string) => rows.find((r) => r[0] === l) ?? [];
    expect(byLine('15')[3]).toBe(`'=HYPERLINK("http://evil.example","клик")`);
    expect(byLine('16')[3]).toBe(`'+359 Фирма; "Кавички"\nнов ред`);
    expect(byLine('16')[6]).toBe(`'@група`);
    expect(byLine('17')[3]).toBe(`'-10+20`);
    expect(byLine('17')[10]).toBe('отписан по избраната политика');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(neutraliseFormula('\tcmd')).toBe("'\tcmd");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell(42)).toBe('42');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

const FIRST = ['Иван', 'Мария', 'Георги', 'Елена', 'Петър', 'Десислава', 'Николай', 'Стефан', 'Анна', 'Димитър', 'Радка', 'Йордан'];
const LAST = ['Петров', 'Иванова', 'Димитров', 'Стоянова', 'Николов', 'Георгиева', 'Тодоров', 'Колев', 'Маринова', 'Христов'];
/** Barsy groups of the synthetic clients: two new ones the journey maps by hand or creates in Mailchimp. */
export const EXTRA_GROUPS = { renamed: 'Постоянни клиенти', created: 'Едро' } as const;
const GROUPS = [EXTRA_GROUPS.renamed, EXTRA_GROUPS.renamed, EXTRA_GROUPS.created, 'Редовни клиенти', 'VIP', 'Заведения'];

/**
 * A Barsy export as it arrives from a Bulgarian Windows PC (Windows-1251, `;`, CRLF): the import
 * helper's sample (every edge case: look-alike letters, duplicates, deleted, unsubscribed) followed by
 * `extra` synthetic clients so that a sync takes long enough to watch, cancel and resume.
 */
export function writeBarsyExport(dir: string, extra: number): string {
  const sample = iconv.decode(fs.readFileSync('samples/clients-cp1251.csv'), 'win1251').replace(/\r?\n+$/, '');
  const lines = sample.split(/\r?\n/);
  for (let i = 0; i < extra; i++) {
    const id = 5000 + i;
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const group = GROUPS[i % GROUPS.length];
    const subscribed = i % 23 === 0 ? 'Не' : 'Да';
    const manager = i % 3 === 0 ? [`${FIRST[(i + 3) % FIRST.length]} ${LAST[(i + 5) % LAST.length]}`, `0888 ${String(100000 + i).slice(-6)}`] : ['', ''];
    lines.push([id, `C${id}`, name, '', `klient.${id}@abv.bg`, group, subscribed, 'Не', '', 'София', '', '', ...manager, '', ''].join(';'));
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'klienti-barsy.csv');
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1251'));
  return file;
}

/** Barsy-like exports for the benchmarks, written line by line (a million clients never sit in one string). */
import fs from 'node:fs';

export const GROUPS = ['Редовни клиенти', 'VIP', 'Заведения', 'Фирми'];
const HEADERS = ['ID', 'Име', 'Email', 'Група', 'Maillist абонамент', 'Изтрит', 'Бележка', 'Управител: Име', 'Управител: Телефон'];

/** The email of client `i` in these exports. */
export const emailOf = (i: number) => `client${i}@shop${i % 997}.bg`;

/** Writes an export of `n` clients (UTF-8, `;`); `changed` ids get another note. */
export function writeBarsyCsv(file: string, n: number, changed: ReadonlySet<number> = new Set()): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buf = `${HEADERS.join(';')}\n`;
    for (let i = 1; i <= n; i++) {
      const rep = i % 3 === 0 ? [`Управител ${i}`, `0888 ${String(i).padStart(6, '0')}`] : ['', ''];
      buf += `${i};Клиент Номер${i};${emailOf(i)};${GROUPS[i % GROUPS.length]};Да;Не;${changed.has(i) ? 'променена ' : ''}бележка ${i};${rep.join(';')}\n`;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSummarySchema } from '../../shared/domain/import.js';
import { ROOT, writeTemp } from '../helpers/import-files.js';

/*
 * A wrong or unrecognisable column fixed from the command line: `--columns` for the clients file,
 * `--rep-columns` for the representatives file; the correction is remembered for that header set.
 */
let dir: string;
let db: string;
let clients: string;
let reps: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-cli-cols-'));
  db = path.join(dir, 'cli.sqlite');
  // Two email-looking columns: the shop keeps the old address in "Email" and the right one in "Личен имейл".
  clients = writeTemp(
    dir,
    'klienti.csv',
    'Код клиент;Имена на клиент;Email;Личен имейл;Група на клиента;Абонамент за Maillist\n' +
      'C1;Иван Петров;old1@abv.bg;ivan@abv.bg;VIP;Да\n' +
      'C2;Мария Колева;old2@abv.bg;maria@abv.bg;VIP;Да\n',
  );
  // "Чий" (whose) says nothing a program can recognise: the client column must be named by hand.
  reps = writeTemp(dir, 'predstaviteli.csv', 'Чий;Вид;Име;Телефон\nC1;Управител;Стоян;0888 111 222\nC2;Счетоводител;Ваня;\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/barsy-sync.mjs', ...args, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BARSY_SYNC_LANG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const emails = () => {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare('SELECT email FROM clients WHERE import_id = (SELECT MAX(id) FROM imports) ORDER BY line').pluck().all();
  } finally {
    raw.close();
  }
};

describe('barsy-sync import --columns / --rep-columns', () => {
  it('stops with the candidates named when two columns could be the email', () => {
    const r = cli('import', clients);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('Във „klienti.csv“ не е ясно коя колона е имейлът: „Email“, „Личен имейл“. Посочете я в таблицата с колоните (или с --columns "КОЛОНА=email").\n');
  });

  it('stops naming the columns when the representatives file has no recognisable client column', () => {
    const r = cli('--lang', 'en', 'import', clients, reps, '--columns', 'Личен имейл=email');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'The representatives file "predstaviteli.csv" has no column for the client (ID or code). Columns: „Чий“, „Вид“, „Име“, „Телефон“. Choose it in the column table (or with --rep-columns "HEADER=client").\n',
    );
  });

  it('imports with both corrections, and remembers them for the same header sets', () => {
    const r = cli('import', clients, reps, '--columns', 'личен  имейл=email, Email=ignore', '--rep-columns', 'Чий=client', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = importSummarySchema.parse(JSON.parse(r.stdout));
    expect(s).toMatchObject({ clients: 2, representatives: 2, eligible: 0, duplicates: 0 });
    expect(emails()).toEqual(['ivan@abv.bg', 'maria@abv.bg']);

    // Same headers, new rows: the remembered roles apply without the options.
    const next = writeTemp(dir, 'klienti-2.csv', `${fs.readFileSync(clients, 'utf8')}C3;Петър Иванов;old3@abv.bg;petar@abv.bg;VIP;Да\n`);
    const again = cli('import', next, reps, '--json');
    expect(again.stderr).toBe('');
    expect(importSummarySchema.parse(JSON.parse(again.stdout))).toMatchObject({ clients: 3, representatives: 2 });
    expect(emails()).toEqual(['ivan@abv.bg', 'maria@abv.bg', 'petar@abv.bg']);
  });

  it('refuses an unknown header or role, and a malformed option, with one line', () => {
    expect(cli('--lang', 'en', 'import', clients, '--columns', 'Имейл на шефа=email').stderr).toBe(
      '"klienti.csv" has no column "Имейл на шефа". Columns: „Код клиент“, „Имена на клиент“, „Email“, „Личен имейл“, „Група на клиента“, „Абонамент за Maillist“.\n',
    );
    expect(cli('--lang', 'en', 'import', clients, '--columns', 'Email=mail').stderr).toContain('Unknown column meaning "mail". Possible: id, code, name,');
    const bad = cli('import', clients, '--columns', 'Email');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Email" is not HEADER=role');
  });
});

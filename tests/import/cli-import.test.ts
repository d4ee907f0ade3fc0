import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSummarySchema } from '../../shared/domain/import.js';
import { ROOT, fixture } from '../helpers/import-files.js';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-cli-'));
  db = path.join(dir, 'cli.sqlite');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/barsy-sync.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BARSY_SYNC_LANG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('barsy-sync import / clients (end to end)', () => {
  it('import --json prints one line with the exact counts and reasons of the sample Barsy export', () => {
    const r = cli('import', 'samples/clients-cp1251.csv', '--json', '--db', db);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const s = importSummarySchema.parse(JSON.parse(r.stdout));
    expect(s).toMatchObject({
      importId: 1, rows: 30, clients: 30, representatives: 10, encoding: 'cp1251', delimiter: ';', eligible: 0, duplicates: 3,
      ineligible: { group_not_mapped: 30, not_subscribed: 3, no_email: 1, invalid_email: 3, deleted: 2, duplicate_email: 3 },
      alreadyImported: false,
    });
    expect(s.warnings.find((w) => w.code === 'email_lookalike')).toEqual({ line: 16, code: 'email_lookalike', detail: 't\u043edor.ivanov@mail.bg → todor.ivanov@mail.bg' });
  });

  it('prints a Bulgarian summary by default and English with --lang en; a re-import is recognised', () => {
    const bg = cli('import', 'samples/clients-cp1251.csv', '--db', db);
    expect(bg.code).toBe(0);
    expect(bg.stdout).toContain('Импорт №1: clients-cp1251.csv (този файл вече е импортиран');
    expect(bg.stdout).toContain('Клиенти: 30\nПредставители: 10\nКодировка: cp1251\nРазделител: ;\nЗа синхронизация: 0\n');
    expect(bg.stdout).toContain('  имейлът е на друг клиент: 3\nДублирани имейли: 3\n');
    const en = cli('--lang', 'en', 'import', 'samples/clients-utf8.csv', 'samples/representatives-long.csv', '--delimiter', ',', '--db', db);
    expect(en.code).toBe(1);
    expect(en.stderr).toBe('Line 2 of the representatives file names client "1003", who is not in the clients file.\n');
  });

  it('clients --json --eligible lists the clients a sync would send, with the audience mappings', () => {
    const raw = new Database(db);
    raw.prepare("INSERT INTO settings (key, value, encrypted, updated_at) VALUES ('mailchimp.listId', 'list1', 0, '')").run();
    raw.prepare("INSERT INTO group_mappings (list_id, barsy_group, interest_id) VALUES ('list1', 'VIP', 'i1'), ('list1', 'Фирми', NULL)").run();
    raw.close();
    const r = cli('clients', '--json', '--eligible', '--db', db);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { total: number; items: Array<{ barsyId: string; eligible: boolean }> };
    expect(out.total).toBe(5);
    expect(out.items.map((c) => c.barsyId)).toEqual(['1002', '1005', '1007', '1023', '1028']);
    const text = cli('clients', '--ineligible', '--search', 'рила', '--db', db);
    expect(text.stdout).toBe(
      '19\t1017\tХотел Рила\toffice@hotelrila.bg\tФирми\t✗ групата не е свързана с Mailchimp\n' +
        '20\t1018\tХотел Рила – рецепция\tOffice@HotelRila.bg\tФирми\t✗ групата не е свързана с Mailchimp; имейлът е на друг клиент\n' +
        'Общо: 2\n',
    );
  });

  it('exits non-zero with one line on bad input', () => {
    const bad = cli('import', fixture('unbalanced-quote.csv'), '--db', db);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Ред 4: кавичките не са затворени. Поправете реда в Excel или експортирайте файла отново.\n' });
    const opt = cli('import', fixture('cp1251.csv'), '--encoding', 'koi8', '--db', db);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('unknown encoding "koi8"');
  });
});

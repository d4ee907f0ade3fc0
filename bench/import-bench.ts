/**
 * `npm run bench:import [-- --clients N] [-- --reps-file]`: generates a synthetic Barsy export (Cyrillic
 * names, cp1251, `;`, 30 % of clients with 1–3 representatives as `<kind>: <field>` columns, or with
 * `--reps-file` as a second wide CSV) in a temp folder, imports it into a temp file database through the
 * same dispatcher as the app and the CLI, and prints wall time, rows/s and peak RSS. Not a test.
 * `BENCH_KEEP=1` keeps the generated files (the folder is printed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createAppContext } from '../main/app/create-app-context.js';
import { createDispatcher } from '../main/ipc/dispatcher.js';
import { handlers } from '../main/ipc/handler-map.js';
import { loadClients } from '../main/import/client-store.js';
import type { ImportSummary } from '../shared/domain/import.js';

const args = process.argv.slice(2);
const countArg = args.indexOf('--clients');
const CLIENTS = countArg >= 0 ? Number(args[countArg + 1]) : 100_000;
const REPS_FILE = args.includes('--reps-file');

const FIRST = ['Иван', 'Мария', 'Георги', 'Елена', 'Петър', 'Десислава', 'Николай', 'Стефан', 'Анна', 'Борислав', 'Цветелина', 'Тодор', 'Радостина', 'Васил', 'Калин', 'Мирослава', 'Пламен', 'Йордан', 'Светла', 'Емил'];
const LAST = ['Петров', 'Иванов', 'Димитров', 'Стоянов', 'Николов', 'Георгиев', 'Тодоров', 'Колев', 'Христов', 'Младенов', 'Павлов', 'Танев', 'Стоев', 'Велев', 'Костов', 'Ангелов'];
const LATIN = ['ivan', 'maria', 'georgi', 'elena', 'petar', 'desi', 'nikolay', 'stefan', 'anna', 'borislav', 'cveti', 'todor', 'radi', 'vasil', 'kalin', 'mira', 'plamen', 'yordan', 'svetla', 'emil'];
const DOMAINS = ['abv.bg', 'gmail.com', 'mail.bg', 'dir.bg', 'yahoo.com'];
const GROUPS = ['Редовни клиенти', 'VIP', 'Заведения', 'Фирми', 'Служители', 'Хотели', 'Онлайн'];
const TOWNS = ['София', 'Пловдив', 'Варна', 'Бургас', 'Русе', 'Стара Загора', 'Плевен'];
const KINDS = [
  { kind: 'Управител', slot: '' },
  { kind: 'Счетоводител', slot: '' },
  { kind: 'Управител', slot: ' 2' },
];

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(dir: string): void {
  const rand = rng(42);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
  const clientsPath = path.join(dir, 'clients.csv');
  const repsPath = REPS_FILE ? path.join(dir, 'representatives.csv') : undefined;
  const repHeaders = REPS_FILE ? [] : KINDS.flatMap((k) => [`${k.kind}${k.slot}: Име`, `${k.kind}${k.slot}: Телефон`]);
  const header = ['ID', 'Код', 'Име', 'Фирма', 'Email', 'Група', 'Maillist абонамент', 'Изтрит', 'Телефон', 'Град', 'Адрес', 'Бележка', ...repHeaders];
  const fd = fs.openSync(clientsPath, 'w');
  const repsFd = repsPath ? fs.openSync(repsPath, 'w') : undefined;
  if (repsFd !== undefined) fs.writeSync(repsFd, iconv.encode('ID клиент;Вид;Име;Телефон;Длъжност\r\n', 'win1251'));
  let chunk: string[] = [header.join(';')];
  let repChunk: string[] = [];
  const flush = () => {
    fs.writeSync(fd, iconv.encode(`${chunk.join('\r\n')}\r\n`, 'win1251'));
    if (repsFd !== undefined && repChunk.length > 0) fs.writeSync(repsFd, iconv.encode(`${repChunk.join('\r\n')}\r\n`, 'win1251'));
    chunk = [];
    repChunk = [];
  };
  for (let i = 1; i <= CLIENTS; i++) {
    const f = Math.floor(rand() * FIRST.length);
    const name = `${FIRST[f]} ${pick(LAST)}`;
    const email = rand() < 0.03 ? '' : `${LATIN[f]}.${i}@${pick(DOMAINS)}`;
    const company = rand() < 0.2 ? `"${pick(LAST)} и син; ООД"` : '';
    const reps = rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0;
    const repCells: string[] = [];
    for (let k = 0; k < KINDS.length; k++) {
      const has = k < reps;
      const repName = has ? `${pick(FIRST)} ${pick(LAST)}` : '';
      const phone = has ? `0888 ${String(i % 1000).padStart(3, '0')} ${String(k).padStart(3, '0')}` : '';
      if (REPS_FILE) {
        if (has) repChunk.push(`${i};${KINDS[k]!.kind};${repName};${phone};`);
      } else repCells.push(repName, phone);
    }
    chunk.push(
      [i, `C${i}`, name, company, email, pick(GROUPS), rand() < 0.9 ? 'Да' : 'Не', rand() < 0.05 ? 'Да' : 'Не', `0887 ${i % 1000} ${i % 97}`, pick(TOWNS), `ул. Витоша ${i % 300}`, rand() < 0.1 ? 'Редовен клиент' : '', ...repCells].join(';'),
    );
    if (chunk.length >= 5000) flush();
  }
  flush();
  fs.closeSync(fd);
  if (repsFd !== undefined) fs.closeSync(repsFd);
}

// The files are generated in a child process, so the generator's garbage does not count in the peak RSS.
const genArg = args.indexOf('--generate-into');
if (genArg >= 0) {
  generate(args[genArg + 1]!);
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-bench-'));
try {
  const gen = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--generate-into', dir], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the files failed');
  const clientsPath = path.join(dir, 'clients.csv');
  const repsPath = REPS_FILE ? path.join(dir, 'representatives.csv') : undefined;
  const size = fs.statSync(clientsPath).size + (repsPath ? fs.statSync(repsPath).size : 0);
  const ctx = createAppContext({ dbPath: path.join(dir, 'bench.sqlite') });
  const dispatch = createDispatcher(handlers, ctx);
  const rssBefore = process.resourceUsage().maxRSS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await dispatch('import:run', { path: clientsPath, ...(repsPath ? { representativesPath: repsPath } : {}) });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!res.ok) throw new Error(`import failed: ${JSON.stringify(res.error)}`);
  const summary = res.value as ImportSummary;
  const peakRss = process.resourceUsage().maxRSS;
  const t1 = performance.now();
  const loaded = loadClients(ctx.db, summary.importId);
  const loadMs = performance.now() - t1;
  await ctx.close();
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  process.stdout.write(
    [
      `clients file: ${CLIENTS} clients, ${(size / 1024 / 1024).toFixed(1)} MB cp1251 ';'${REPS_FILE ? ' + representatives file' : ' (representatives as columns)'}`,
      `imported: ${summary.clients} clients, ${summary.representatives} representatives`,
      `import wall time: ${(wall / 1000).toFixed(2)} s (${Math.round(summary.clients / (wall / 1000))} rows/s)`,
      `import CPU time: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)} s; differs from wall time when other processes share the cores)`,
      `peak RSS: ${mb(peakRss)} (before import: ${mb(rssBefore)})`,
      `loadClients(): ${loaded.length} clients in ${(loadMs / 1000).toFixed(2)} s (peak RSS after: ${mb(process.resourceUsage().maxRSS)})`,
      '',
    ].join('\n'),
  );
} finally {
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${dir}\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `npm run bench:import [-- --clients N] [-- --reps-file] [-- --runs N]`: generates a synthetic Barsy export (Cyrillic
 * names, cp1251, `;`, 30 % of clients with 1–3 representatives as `<kind>: <field>` columns, or with
 * `--reps-file` as a second wide CSV) in a temp folder, imports it into a temp file database through the
 * same dispatcher as the app and the CLI, and prints its wall and CPU time and peak RSS beside the floor
 * (read + decode + papaparse + one-transaction insert of the same file), each step in its own process,
 * floor and import alternating. Not a test.
 * `BENCH_KEEP=1` keeps the generated files (the folder is printed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createAppContext } from '../main/app/create-app-context.js';
import Papa from 'papaparse';
import { openDatabase } from '../main/db/open-database.js';
import { runImport } from '../main/import/import-service.js';
import { importRunRequestSchema } from '../shared/domain/import.js';
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

/** One measured step, as a child process prints it (each in its own process, so peak RSS is its own). */
type Measure = { wallMs: number; cpuMs: number; peakRssMb: number; rows: number; representatives?: number };

/**
 * The floor: what any importer of this file must do — read it, decode it, parse it with papaparse and
 * insert every record (all its cells) in one transaction with a prepared statement — measured on the
 * same file in the same run, in a fresh database with the app's own settings (WAL, migrations).
 */
function floor(clientsPath: string, dbPath: string): Measure {
  const db = openDatabase(dbPath);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const text = new TextDecoder('windows-1251').decode(fs.readFileSync(clientsPath));
  let insert: ((cells: string[]) => void) | undefined;
  let rows = 0;
  db.transaction(() => {
    Papa.parse<string[]>(text, {
      delimiter: ';',
      newline: '\r\n',
      step: (r) => {
        const cells = r.data;
        if (!insert) {
          db.exec(`CREATE TABLE floor_rows (id INTEGER PRIMARY KEY, ${cells.map((_, i) => `c${i} TEXT`).join(', ')})`);
          const st = db.prepare(`INSERT INTO floor_rows VALUES (?, ${cells.map(() => '?').join(', ')})`);
          insert = (c) => void st.run(rows, ...c);
          return;
        }
        if (cells.length === 1 && cells[0] === '') return;
        rows++;
        insert(cells);
      },
    });
  }).immediate();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  db.close();
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, rows };
}

/** The importer, as the `import:run` handler calls it for the app and the CLI. */
async function importer(clientsPath: string, repsPath: string | undefined, dbPath: string): Promise<Measure> {
  const ctx = createAppContext({ dbPath });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary: ImportSummary = await runImport(ctx, importRunRequestSchema.parse({ path: clientsPath, ...(repsPath ? { representativesPath: repsPath } : {}) }));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await ctx.close();
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb, rows: summary.clients, representatives: summary.representatives };
}

/** Runs one step in a child process and reads its measure (the last line it prints). */
function child(step: 'floor' | 'import', dir: string, run: number): Measure {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--step', step, dir, String(run)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${step} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

const genArg = args.indexOf('--generate-into');
const stepArg = args.indexOf('--step');
if (genArg >= 0) {
  generate(args[genArg + 1]!);
  process.exit(0);
}
if (stepArg >= 0) {
  const [step, dir, run] = args.slice(stepArg + 1);
  const clientsPath = path.join(dir!, 'clients.csv');
  const repsPath = REPS_FILE ? path.join(dir!, 'representatives.csv') : undefined;
  const dbPath = path.join(dir!, `${step}-${run}.sqlite`);
  const m = step === 'floor' ? floor(clientsPath, dbPath) : await importer(clientsPath, repsPath, dbPath);
  process.stdout.write(`${JSON.stringify(m)}\n`);
  process.exit(0);
}

const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-bench-'));
try {
  const gen = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--generate-into', dir], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the files failed');
  const clientsPath = path.join(dir, 'clients.csv');
  const repsPath = REPS_FILE ? path.join(dir, 'representatives.csv') : undefined;
  const size = fs.statSync(clientsPath).size + (repsPath ? fs.statSync(repsPath).size : 0);
  // Floor and import alternate, each in a fresh process and database, so both see the same load.
  const loadBefore = os.loadavg()[0]!;
  const floors: Measure[] = [];
  const imports: Measure[] = [];
  for (let run = 0; run < RUNS; run++) {
    floors.push(child('floor', dir, run));
    imports.push(child('import', dir, run));
  }
  const best = (ms: Measure[], key: 'wallMs' | 'cpuMs') => Math.min(...ms.map((m) => m[key]));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const range = (ms: Measure[], key: 'wallMs' | 'cpuMs') => `${s(best(ms, key))}–${s(Math.max(...ms.map((m) => m[key])))}`;
  const imp = imports[0]!;
  process.stdout.write(
    [
      `clients file: ${CLIENTS} clients, ${(size / 1024 / 1024).toFixed(1)} MB cp1251 ';'${REPS_FILE ? ' + representatives file' : ' (representatives as columns)'}`,
      `imported: ${imp.rows} clients, ${imp.representatives} representatives; ${RUNS} runs each, floor and import alternating`,
      `floor (read + decode + papaparse + insert every record in one transaction): wall ${range(floors, 'wallMs')}, CPU ${range(floors, 'cpuMs')}, peak RSS ${Math.max(...floors.map((m) => m.peakRssMb)).toFixed(0)} MB`,
      `import (the import:run handler's code, streamed):                          wall ${range(imports, 'wallMs')}, CPU ${range(imports, 'cpuMs')}, peak RSS ${Math.max(...imports.map((m) => m.peakRssMb)).toFixed(0)} MB`,
      `import / floor (best of each): wall ${(best(imports, 'wallMs') / best(floors, 'wallMs')).toFixed(2)}×, CPU ${(best(imports, 'cpuMs') / best(floors, 'cpuMs')).toFixed(2)}×; ${Math.round(imp.rows / (best(imports, 'wallMs') / 1000))} rows/s`,
      `1-minute load average: ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after (2 cores)`,
      '',
    ].join('\n'),
  );
} finally {
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${dir}\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

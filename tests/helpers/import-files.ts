import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppFailure, type AppError } from '../../shared/domain/app-error.js';
import type { Db } from '../../main/db/open-database.js';
import type { Dispatch } from '../../main/ipc/dispatcher.js';
import { samplePath, type SampleName } from '../../main/import/samples.js';
import { sniffDelimiter } from '../../main/import/sniff-delimiter.js';
import { parseCsv, parseCsvAll } from '../../main/import/csv-parser.js';
import type { CsvSource } from '../../main/import/read-csv.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (name: string): string => path.join(ROOT, 'tests/fixtures/csv', name);
export const sample = (name: SampleName): string => samplePath(name);

/** Every table's rows, in a stable order: equal dumps mean the database did not change. */
export function dumpDb(db: Db): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1, 2`).raw().all()]));
}

/** A decoded CSV source built from text (what `openCsv` returns for a file), for unit tests. */
export function sourceFromText(text: string, fileName = 'test.csv'): CsvSource {
  const delimiter = sniffDelimiter(text);
  const first = parseCsvAll(text, delimiter, 1);
  return {
    fileName,
    filePath: `/tmp/${fileName}`,
    size: text.length,
    sha256: 'x',
    encoding: 'utf8',
    delimiter,
    headers: (first.records[0] ?? []).map((h) => h.trim()),
    headerLine: first.lines[0] ?? 1,
    records: (onRecord) => parseCsv(text, delimiter, onRecord),
  };
}

/** Calls a channel and returns its error (failing the test if it succeeded). */
export async function callError(dispatch: Dispatch, channel: string, request: unknown): Promise<AppError> {
  const res = await dispatch(channel, request);
  if (res.ok) throw new Error(`${channel} succeeded but should have failed`);
  return res.error;
}

/** Calls a channel and returns its value (failing the test with the error if it failed). */
export async function callOk<T = unknown>(dispatch: Dispatch, channel: string, request: unknown): Promise<T> {
  const res = await dispatch(channel, request);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** Writes a file into a temp folder and returns its path. */
export function writeTemp(dir: string, name: string, data: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

/** The AppError a synchronous call throws (failing the test if it does not throw one). */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err.appError;
    throw err;
  }
  throw new Error('did not fail');
}

import type { Client, EligibilityReason } from '../../shared/domain/client.js';
import { columnMappingSchema, type ColumnMapping } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { planRecords } from './build-clients.js';
import { decodeRepresentatives, decodeRepSources, pushSample, SOURCE_SAMPLES } from './rep-json.js';

/**
 * Read side of the client cache, for the sync engine, mappings, reports and `clients:list`. Names here
 * are a contract with other domains: keep them.
 */

/** A `clients` row as `.raw()` returns it, in the order of `CLIENT_COLUMNS`. */
type ClientRow = [
  id: number,
  importId: number,
  line: number,
  barsyId: string,
  code: string,
  name: string,
  company: string,
  email: string,
  group: string,
  subscribed: number,
  deleted: number,
  extra: string,
  reasons: string,
  emailSuggestion: string | null,
  duplicateOfLine: number | null,
  representatives: string | null,
];

const CLIENT_COLUMNS =
  'id, import_id, line, barsy_id, code, name, company, email, group_name, subscribed, deleted, extra, reasons, email_suggestion, duplicate_of_line, representatives';

/** The import the next sync uses: the most recently imported (or re-imported) one; null when none. */
export function getCurrentImportId(db: Db): number | null {
  const row = db.prepare<[], { id: number }>('SELECT id FROM imports ORDER BY used_seq DESC, id DESC LIMIT 1').get();
  return row?.id ?? null;
}

/** The column mapping an import was made with. */
export function importMapping(db: Db, importId: number): ColumnMapping {
  const row = db.prepare<[number], { column_mapping: string }>('SELECT column_mapping FROM imports WHERE id = ?').get(importId);
  return row ? parseMapping(row.column_mapping) : [];
}

const parseMapping = (json: string): ColumnMapping => columnMappingSchema.parse(JSON.parse(json));

/**
 * What reading an import's client rows needs from its `imports` row, in one query: its id range
 * (`clientIdRange`), the headers of its extra fields (in the order `clients.extra` stores their values)
 * and the shapes its representatives are stored by (`RepShapes`; `[]` before migration 077). A sync
 * reads a page of 5,000 clients at a time: one read of the import's row a page, not three.
 */
type ImportLayout = { first: number; last: number; extraHeaders: string[]; shapes: string[][] };

function importLayout(db: Db, importId: number): ImportLayout {
  const row = db
    .prepare<[number], { first: number | null; last: number | null; column_mapping: string; representative_shapes: string }>(
      'SELECT first_client_id AS first, last_client_id AS last, column_mapping, representative_shapes FROM imports WHERE id = ?',
    )
    .get(importId);
  if (!row) return { first: 1, last: 0, extraHeaders: [], shapes: [] };
  return {
    ...idRangeOf(row),
    extraHeaders: planRecords(parseMapping(row.column_mapping)).extraHeaders,
    shapes: JSON.parse(row.representative_shapes) as string[][],
  };
}

/** Turns raw rows of one import into clients; the few distinct reasons lists are parsed once. */
function toClients(rows: ClientRow[], { extraHeaders, shapes }: ImportLayout): Client[] {
  const reasonsCache = new Map<string, EligibilityReason[]>();
  return rows.map((row) => {
    const values = JSON.parse(row[11]) as string[];
    const extra: Record<string, string> = {};
    for (let i = 0; i < extraHeaders.length; i++) extra[extraHeaders[i]!] = values[i] ?? '';
    let reasons = reasonsCache.get(row[12]);
    if (!reasons) {
      reasons = JSON.parse(row[12]) as EligibilityReason[];
      reasonsCache.set(row[12], reasons);
    }
    return {
      id: row[0],
      importId: row[1],
      line: row[2],
      barsyId: row[3],
      code: row[4],
      name: row[5],
      company: row[6],
      email: row[7],
      group: row[8],
      subscribed: row[9] === 1,
      deleted: row[10] === 1,
      extra,
      representatives: decodeRepresentatives(row[15], shapes),
      // A copy per client: callers may push to it without touching other clients.
      reasons: [...reasons],
      emailSuggestion: row[13],
      duplicateOfLine: row[14],
    };
  });
}

/**
 * The ids of an import's clients: consecutive, in file order (the writer assigns them so), so reading an
 * import's clients in file order is a range of the primary key (`{ first: 1, last: 0 }`, no ids, for an
 * unknown import).
 */
export function clientIdRange(db: Db, importId: number): { first: number; last: number } {
  const row = db
    .prepare<[number], { first: number | null; last: number | null }>('SELECT first_client_id AS first, last_client_id AS last FROM imports WHERE id = ?')
    .get(importId);
  return row ? idRangeOf(row) : { first: 1, last: 0 };
}

function idRangeOf(row: { first: number | null; last: number | null }): { first: number; last: number } {
  return row.first !== null && row.last !== null ? { first: row.first, last: row.last } : { first: 1, last: 0 };
}

/** Every client of an import in file order, with representatives in export order. */
export function loadClients(db: Db, importId: number): Client[] {
  const layout = importLayout(db, importId);
  const rows = db.prepare(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id BETWEEN ? AND ? ORDER BY id`).raw().all(layout.first, layout.last) as ClientRow[];
  return toClients(rows, layout);
}

/**
 * One page of an import's clients in file order: those after the client `afterId` (the last of the
 * previous page; 0 for the first page), at most `limit` (the sync plans a million clients a page at a
 * time instead of holding them all).
 */
export function loadClientsPage(db: Db, importId: number, afterId: number, limit: number): Client[] {
  const layout = importLayout(db, importId);
  const rows = db
    .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?`)
    .raw()
    .all(Math.max(layout.first, afterId + 1), layout.last, limit) as ClientRow[];
  return toClients(rows, layout);
}

/** Some clients of an import by id (a page of `clients:list`), in the order of `ids`. */
export function loadClientsByIds(db: Db, importId: number, ids: number[]): Client[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(ids)) as ClientRow[];
  const byId = new Map(rows.map((r) => [r[0], r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is ClientRow => r !== undefined);
  return toClients(ordered, importLayout(db, importId));
}

/** Client groups of an import with their client counts, by name. */
export function listGroups(db: Db, importId: number): Array<{ name: string; clients: number }> {
  return db
    .prepare<[number], { name: string; clients: number }>('SELECT name, client_count AS clients FROM client_groups WHERE import_id = ? ORDER BY name')
    .all(importId);
}

/** A value a merge tag can take: `name`, `email`, `company`, an extra column's header, or `<kind>: <field>`. */
export type MergeSource = { source: string; origin: 'client' | 'extra' | 'representative'; samples: string[] };

/**
 * Every merge-tag source of an import with up to 3 distinct non-empty sample values: `name`, `email`,
 * `company` (when the file has that column), each extra column header (column order), and `<kind>: <field>`
 * for every representative field (order of first appearance).
 */
export function listSources(db: Db, importId: number): MergeSource[] {
  const mapping = importMapping(db, importId);
  const hasCompany = mapping.some((c) => c.target.type === 'field' && c.target.field === 'company');
  const extraHeaders = planRecords(mapping).extraHeaders;
  const client: MergeSource[] = ['name', 'email', ...(hasCompany ? ['company'] : [])].map((source) => ({ source, origin: 'client', samples: [] }));
  const extras: MergeSource[] = extraHeaders.map((source) => ({ source, origin: 'extra', samples: [] }));
  const rows = db.prepare<[number, number], { name: string; email: string; company: string; extra: string }>(
    'SELECT name, email, company, extra FROM clients WHERE id BETWEEN ? AND ? ORDER BY id',
  );
  const full = (list: MergeSource[]) => list.every((s) => s.samples.length === SOURCE_SAMPLES);
  const { first, last } = clientIdRange(db, importId);
  for (const row of rows.iterate(first, last)) {
    for (const s of client) pushSample(s.samples, row[s.source as 'name' | 'email' | 'company']);
    const values = JSON.parse(row.extra) as string[];
    extras.forEach((s, i) => pushSample(s.samples, values[i] ?? ''));
    if (full(client) && full(extras)) break;
  }
  const stored = db.prepare<[number], { representative_sources: string }>('SELECT representative_sources FROM imports WHERE id = ?').get(importId);
  const reps: MergeSource[] = stored ? decodeRepSources(stored.representative_sources) : [];
  return [...client, ...extras, ...reps];
}

/**
 * The values one source gives for one client: one value for a client field or extra column; for
 * `<kind>: <field>`, one per representative of that kind in export order ('' where that
 * representative lacks the field); none for an unknown source.
 */
export function sourceValues(client: Client, source: string): string[] {
  if (source === 'name') return [client.name];
  if (source === 'email') return [client.email];
  if (source === 'company') return [client.company];
  if (Object.prototype.hasOwnProperty.call(client.extra, source)) return [client.extra[source]!];
  const sep = source.indexOf(':');
  if (sep === -1) return [];
  const kind = source.slice(0, sep).trim();
  const field = source.slice(sep + 1).trim();
  return client.representatives.filter((r) => r.kind === kind).map((r) => r.fields.find((f) => f.field === field)?.value ?? '');
}

import type { EligibilityReason, Representative } from '../../shared/domain/client.js';
import type { ColumnMapping, ImportWarning, RepColumnMapping } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { createRecordBuilder, markDuplicates } from './build-clients.js';
import { rememberMapping } from './column-mapping.js';
import { DuplicateKeys } from './duplicate-keys.js';
import { eachRecord, type CsvSource } from './read-csv.js';
import { rememberRepMapping } from './rep-columns.js';
import { encodeRepresentatives, RepShapes, RepSources } from './rep-json.js';
import { readRepresentatives } from './representatives.js';

export type ImportJob = {
  clients: CsvSource;
  representatives?: CsvSource;
  repMapping?: RepColumnMapping;
  mapping: ColumnMapping;
  /** Save `mapping` (and `repMapping`) as the one remembered for this header set (the user chose it). */
  rememberMapping: boolean;
  rememberRepMapping: boolean;
  optionsKey: string;
};


/** JSON of a reasons list; most clients share one of a few lists, so the strings are cached. */
function reasonsJson(cache: Map<string, string>, reasons: EligibilityReason[]): string {
  const key = reasons.join(',');
  let json = cache.get(key);
  if (json === undefined) {
    json = JSON.stringify(reasons);
    cache.set(key, json);
  }
  return json;
}

/** Client count per (group, static reasons): enough to count eligibility under any group mapping. */
export type ReasonCount = [group: string, reasons: EligibilityReason[], clients: number];

/**
 * Client counts per (group, static reasons), kept up to date as clients are written and marked. Keyed
 * by the group and the reasons' cached JSON (the string the row stores): no key is built per client.
 */
class ReasonCounts {
  private readonly byGroup = new Map<string, Map<string, ReasonCount>>();
  /** Every entry in order of first appearance (the stored order). */
  private readonly order: ReasonCount[] = [];

  add(group: string, reasonsKey: string, reasons: readonly EligibilityReason[], n: number): void {
    let byReasons = this.byGroup.get(group);
    if (!byReasons) {
      byReasons = new Map();
      this.byGroup.set(group, byReasons);
    }
    const entry = byReasons.get(reasonsKey);
    if (entry) entry[2] += n;
    else {
      const created: ReasonCount = [group, [...reasons], n];
      byReasons.set(reasonsKey, created);
      this.order.push(created);
    }
  }

  list(): ReasonCount[] {
    return this.order.filter((e) => e[2] > 0);
  }

  /** Clients per group, in order of first appearance. */
  groups(): Array<[group: string, clients: number]> {
    return [...this.byGroup].map(([group, byReasons]) => [group, [...byReasons.values()].reduce((n, e) => n + e[2], 0)]);
  }
}

const INSERT_CLIENTS = `INSERT INTO clients (id, import_id, line, barsy_id, code, name, company, email, group_name, subscribed,
  deleted, extra, reasons, email_suggestion, duplicate_of_line, representatives) VALUES`;
const CLIENT_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)';
/** Parameters of one client row in `CLIENT_VALUES`. */
const CLIENT_PARAMS = 15;
/**
 * Clients written per INSERT statement: ten rows a statement wrote 100k clients 5–10 % faster than one
 * (50 and 200 no better). Their values go in as arguments (`run(...pending)`): better-sqlite3 binds an
 * array through a slower generic path (measured 10–15 % slower).
 */
const CLIENTS_PER_INSERT = 10;

/** Page cache while a representatives file updates the clients just written, in KiB (negative = KiB for SQLite): 64 MB. */
const REPS_FILE_CACHE_KIB = -64 * 1024;

function statements(db: Db) {
  return {
    insertImport: db.prepare(
      `INSERT INTO imports (file_name, file_path, file_size, sha256, representatives_file_name, representatives_sha256, encoding,
         delimiter, column_mapping, rows, client_count, representative_count, duplicates, warnings, created_at, options_key, used_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '[]', ?, ?, (SELECT COALESCE(MAX(used_seq), 0) + 1 FROM imports))`,
    ),
    finishImport: db.prepare(
      `UPDATE imports SET rows = ?, client_count = ?, representative_count = ?, duplicates = ?, warnings = ?, reason_counts = ?,
         representative_sources = ?, representative_shapes = ?, first_client_id = ?, last_client_id = ? WHERE id = ?`,
    ),
    insertGroup: db.prepare('INSERT INTO client_groups (import_id, name, client_count) VALUES (?, ?, ?)'),
    insertClient: db.prepare(`${INSERT_CLIENTS} ${CLIENT_VALUES}`),
    insertClients: db.prepare(`${INSERT_CLIENTS} ${Array<string>(CLIENTS_PER_INSERT).fill(CLIENT_VALUES).join(', ')}`),
    markDuplicate: db.prepare('UPDATE clients SET reasons = ?, duplicate_of_line = ? WHERE id = ?'),
    // Representatives from the second file come after the client's own, in file order: the stored
    // JSON arrays are joined ('[a]' + '[b]' → '[a,b]').
    appendReps: db.prepare<[{ reps: string; id: number }]>(
      `UPDATE clients SET representatives = CASE WHEN representatives IS NULL THEN @reps
         ELSE substr(representatives, 1, length(representatives) - 1) || ',' || substr(@reps, 2) END WHERE id = @id`,
    ),
    clientsById: db.prepare<[string], { id: number; line: number; email: string; reasons: string; group_name: string }>(
      'SELECT id, line, email, reasons, group_name FROM clients WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
    maxId: db.prepare<[], { c: number | null }>('SELECT MAX(id) AS c FROM clients'),
  };
}

/**
 * Streams the clients file (and then the representatives file) into the database in ONE transaction
 * with prepared statements: each record is built and inserted as it is parsed, so the whole file is
 * never held as rows in memory. Any failure (a bad line, an unknown client in the representatives file)
 * rolls everything back: a failed import changes nothing. Returns the new import's id.
 */
export function writeImport(db: Db, job: ImportJob): number {
  const st = statements(db);
  const run = db.transaction((): number => {
    const { clients: cf, representatives: rf } = job;
    if (job.rememberMapping) rememberMapping(db, cf.headers, job.mapping);
    if (rf && job.repMapping && job.rememberRepMapping) rememberRepMapping(db, rf.headers, job.repMapping);
    const importId = Number(
      st.insertImport.run(
        cf.fileName, cf.filePath, cf.size, cf.sha256, rf?.fileName ?? null, rf?.sha256 ?? null, cf.encoding, cf.delimiter,
        JSON.stringify(job.mapping), new Date().toISOString(), job.optionsKey,
      ).lastInsertRowid,
    );
    // Ids assigned here rather than read back: clients of one import get consecutive ids in file order,
    // so its clients are the id range recorded below (migration 076: no index on import and line).
    let clientId = st.maxId.get()!.c ?? 0;
    const firstClientId = clientId + 1;
    const repSources = new RepSources();
    const repShapes = new RepShapes();

    const warnings: ImportWarning[] = [];
    const counts = new ReasonCounts();
    const reasonCache = new Map<string, string>();
    const build = createRecordBuilder(cf.headers, job.mapping, cf.delimiter);
    // Only for a representatives file: each Barsy ID and client code → the first client row with it.
    const byId = rf ? new Map<string, number>() : undefined;
    const byCode = rf ? new Map<string, number>() : undefined;
    // Sized from the file (a Barsy row is ~120 bytes) so the table rarely has to grow while it fills.
    const sameHash = new DuplicateKeys(cf.size / 60);
    let clients = 0;
    let repCount = 0;
    // Rows wait here until CLIENTS_PER_INSERT of them fill one statement; the rest are written one by one.
    const pending = new Array<unknown>(CLIENTS_PER_INSERT * CLIENT_PARAMS);
    let filled = 0;
    const flushRest = () => {
      for (let p = 0; p < filled; p += CLIENT_PARAMS) st.insertClient.run(...pending.slice(p, p + CLIENT_PARAMS));
      filled = 0;
    };
    eachRecord(cf, (record, line) => {
      const c = build(record, line, warnings);
      clientId++;
      clients++;
      pending[filled] = clientId;
      pending[filled + 1] = importId;
      pending[filled + 2] = c.line;
      pending[filled + 3] = c.barsyId;
      pending[filled + 4] = c.code;
      pending[filled + 5] = c.name;
      pending[filled + 6] = c.company;
      pending[filled + 7] = c.email;
      pending[filled + 8] = c.group;
      pending[filled + 9] = c.subscribed ? 1 : 0;
      pending[filled + 10] = c.deleted ? 1 : 0;
      pending[filled + 11] = JSON.stringify(c.extra);
      const reasonsKey = reasonsJson(reasonCache, c.reasons);
      pending[filled + 12] = reasonsKey;
      pending[filled + 13] = c.emailSuggestion;
      pending[filled + 14] = encodeRepresentatives(c.representatives, repShapes);
      filled += CLIENT_PARAMS;
      if (filled === pending.length) {
        st.insertClients.run(...pending);
        filled = 0;
      }
      if (c.emailValid) sameHash.add(c.emailKey, clientId);
      for (let p = 0; p < c.representatives.length; p++) repSources.add(c.representatives[p]!);
      repCount += c.representatives.length;
      counts.add(c.group, reasonsKey, c.reasons, 1);
      if (c.barsyId !== '' && byId && !byId.has(c.barsyId)) byId.set(c.barsyId, clientId);
      if (c.code !== '' && byCode && !byCode.has(c.code)) byCode.set(c.code, clientId);
    });

    flushRest();

    // Duplicates: the rows of the clients whose email hash repeated (ids follow line order), compared exactly
    // by the email key, which is the stored (trimmed) email lower-cased as `checkEmail` makes it.
    const candidates = st.clientsById.all(JSON.stringify(sameHash.candidateIds())).map((r) => {
      const reasons = JSON.parse(r.reasons) as EligibilityReason[];
      const emailValid = !reasons.includes('invalid_email') && !reasons.includes('no_email');
      return { id: r.id, line: r.line, group: r.group_name, emailKey: r.email.toLowerCase(), emailValid, reasons, duplicateOfLine: null as number | null };
    });
    const losers = markDuplicates(candidates, warnings);
    for (const c of losers) {
      const before = c.reasons.filter((r) => r !== 'duplicate_email');
      counts.add(c.group, reasonsJson(reasonCache, before), before, -1);
      const reasonsKey = reasonsJson(reasonCache, c.reasons);
      counts.add(c.group, reasonsKey, c.reasons, 1);
      st.markDuplicate.run(reasonsKey, c.duplicateOfLine, c.id);
    }

    if (rf && job.repMapping && byId && byCode) {
      const { items } = readRepresentatives(rf, job.repMapping, (ref) => byId.get(ref) ?? byCode.get(ref));
      // Each client's representatives from the file in file order, written once per client.
      const perClient = new Map<number, Representative[]>();
      for (const { client, rep } of items) {
        repSources.add(rep);
        const list = perClient.get(client);
        if (list) list.push(rep);
        else perClient.set(client, [rep]);
      }
      for (const [client, reps] of perClient) st.appendReps.run({ reps: encodeRepresentatives(reps, repShapes)!, id: client });
      repCount += items.length;
    }

    for (const [name, count] of counts.groups()) st.insertGroup.run(importId, name, count);
    st.finishImport.run(clients, clients, repCount, losers.length, JSON.stringify(warnings), JSON.stringify(counts.list()), repSources.json(), repShapes.json(), firstClientId, clientId, importId);
    return importId;
  });
  // Our own ids are consistent by construction, so the per-row foreign-key lookups (client → import)
  // are turned off for this one transaction (the pragma only takes effect outside a transaction). The
  // clients are appended in id order, so pages spilled to the WAL before the commit are written once
  // either way (a 64 MB page cache measured no faster); a representatives file updates the rows again
  // in its own order, and for that the written pages are kept in memory.
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  if (job.representatives) db.pragma(`cache_size = ${REPS_FILE_CACHE_KIB}`);
  try {
    return run.immediate();
  } finally {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
  }
}

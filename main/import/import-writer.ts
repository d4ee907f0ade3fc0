import type { EligibilityReason, Representative } from '../../shared/domain/client.js';
import type { ColumnMapping, ImportWarning, RepColumnMapping } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { createRecordBuilder, markDuplicates, type DuplicateCandidate } from './build-clients.js';
import { rememberMapping } from './column-mapping.js';
import { eachRecord, type CsvSource } from './read-csv.js';
import { rememberRepMapping } from './rep-columns.js';
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

/** What is kept per client while the file streams: enough for duplicates and the representatives file. */
type Written = DuplicateCandidate & { id: number; group: string; barsyId: string; code: string; reps: number };

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

function reasonCounts(written: Written[]): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const c of written) {
    const key = `${c.group}\u0000${c.reasons.join(',')}`;
    const entry = counts.get(key);
    if (entry) entry[2]++;
    else counts.set(key, [c.group, c.reasons, 1]);
  }
  return [...counts.values()];
}

function statements(db: Db) {
  return {
    insertImport: db.prepare(
      `INSERT INTO imports (file_name, file_path, file_size, sha256, representatives_file_name, representatives_sha256, encoding,
         delimiter, column_mapping, rows, client_count, representative_count, duplicates, warnings, created_at, options_key, used_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '[]', ?, ?, (SELECT COALESCE(MAX(used_seq), 0) + 1 FROM imports))`,
    ),
    finishImport: db.prepare(
      'UPDATE imports SET rows = ?, client_count = ?, representative_count = ?, duplicates = ?, warnings = ?, reason_counts = ? WHERE id = ?',
    ),
    insertGroup: db.prepare('INSERT INTO client_groups (import_id, name, client_count) VALUES (?, ?, ?)'),
    insertClient: db.prepare(
      `INSERT INTO clients (id, import_id, line, barsy_id, code, name, company, email, email_key, group_name, subscribed, deleted,
         extra, reasons, email_suggestion, duplicate_of_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ),
    markDuplicate: db.prepare('UPDATE clients SET reasons = ?, duplicate_of_line = ? WHERE id = ?'),
    insertRep: db.prepare('INSERT INTO representatives (id, client_id, kind, position) VALUES (?, ?, ?, ?)'),
    insertField: db.prepare('INSERT INTO representative_fields (representative_id, position, field, value) VALUES (?, ?, ?, ?)'),
    maxIds: db.prepare<[], { c: number | null; r: number | null }>('SELECT (SELECT MAX(id) FROM clients) AS c, (SELECT MAX(id) FROM representatives) AS r'),
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
    // Ids assigned here rather than read back: clients of one import get consecutive ids.
    const max = st.maxIds.get()!;
    let clientId = max.c ?? 0;
    let repId = max.r ?? 0;
    const insertRep = (clientRowId: number, position: number, rep: Representative) => {
      repId++;
      st.insertRep.run(repId, clientRowId, rep.kind, position);
      for (let f = 0; f < rep.fields.length; f++) st.insertField.run(repId, f, rep.fields[f]!.field, rep.fields[f]!.value);
    };

    const warnings: ImportWarning[] = [];
    const written: Written[] = [];
    const groups = new Map<string, number>();
    const reasonCache = new Map<string, string>();
    const build = createRecordBuilder(cf.headers, job.mapping, cf.delimiter);
    let repCount = 0;
    eachRecord(cf, (record, line) => {
      const c = build(record, line, warnings);
      clientId++;
      st.insertClient.run(
        clientId, importId, c.line, c.barsyId, c.code, c.name, c.company, c.email, c.emailKey, c.group, c.subscribed ? 1 : 0,
        c.deleted ? 1 : 0, JSON.stringify(c.extra), reasonsJson(reasonCache, c.reasons), c.emailSuggestion,
      );
      for (let p = 0; p < c.representatives.length; p++) insertRep(clientId, p, c.representatives[p]!);
      repCount += c.representatives.length;
      groups.set(c.group, (groups.get(c.group) ?? 0) + 1);
      written.push({
        id: clientId, group: c.group, line, emailKey: c.emailKey, emailValid: c.emailValid, reasons: c.reasons, duplicateOfLine: null,
        barsyId: c.barsyId, code: c.code, reps: c.representatives.length,
      });
    });

    const losers = markDuplicates(written, warnings);
    for (const c of losers) st.markDuplicate.run(reasonsJson(reasonCache, c.reasons), c.duplicateOfLine, c.id);

    if (rf && job.repMapping) {
      const byId = new Map<string, Written>();
      const byCode = new Map<string, Written>();
      for (const c of written) {
        if (c.barsyId !== '' && !byId.has(c.barsyId)) byId.set(c.barsyId, c);
        if (c.code !== '' && !byCode.has(c.code)) byCode.set(c.code, c);
      }
      const { items } = readRepresentatives(rf, job.repMapping, (ref) => byId.get(ref) ?? byCode.get(ref));
      for (const { client, rep } of items) insertRep(client.id, client.reps++, rep);
      repCount += items.length;
    }

    for (const [name, count] of groups) st.insertGroup.run(importId, name, count);
    st.finishImport.run(written.length, written.length, repCount, losers.length, JSON.stringify(warnings), JSON.stringify(reasonCounts(written)), importId);
    return importId;
  });
  return run.immediate();
}

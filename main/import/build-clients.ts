import { AppFailure } from '../../shared/domain/app-error.js';
import type { ClientField, EligibilityReason, Representative } from '../../shared/domain/client.js';
import type { ColumnMapping, Delimiter, ImportWarning } from '../../shared/domain/import.js';
import { checkEmail, showInvisible } from './email.js';
import { parseFlag } from './flags.js';
import { delimiterLabel } from './read-csv.js';

/** A client as built from one record, before it is written. */
export type ClientDraft = {
  line: number;
  barsyId: string;
  code: string;
  name: string;
  company: string;
  email: string;
  emailKey: string;
  emailValid: boolean;
  group: string;
  subscribed: boolean;
  deleted: boolean;
  /** Values of `extraHeaders`, in the same order. */
  extra: string[];
  representatives: Representative[];
  reasons: EligibilityReason[];
  emailSuggestion: string | null;
  duplicateOfLine: number | null;
};

/** Fields the `clients` table has a column for; the other known fields are kept as extras by header. */
const CORE_FIELDS = new Set<ClientField>(['id', 'code', 'name', 'company', 'email', 'group', 'subscribed', 'deleted']);

/** The mapping turned into column indexes, once per file. */
export type RecordPlan = {
  core: Partial<Record<ClientField, number>>;
  extraHeaders: string[];
  extraIndexes: number[];
  /** Representatives in the clients file: one entry per `<kind>[ N]`, fields in column order. */
  reps: Array<{ kind: string; fields: Array<{ field: string; index: number }> }>;
};

/** Compiles a (complete) column mapping. */
export function planRecords(mapping: ColumnMapping): RecordPlan {
  const plan: RecordPlan = { core: {}, extraHeaders: [], extraIndexes: [], reps: [] };
  const repByKey = new Map<string, RecordPlan['reps'][number]>();
  for (const { index, header, target } of mapping) {
    if (target.type === 'field' && CORE_FIELDS.has(target.field)) plan.core[target.field] = index;
    else if (target.type === 'field' || target.type === 'extra') {
      plan.extraHeaders.push(header);
      plan.extraIndexes.push(index);
    } else if (target.type === 'representative') {
      const key = `${target.kind}\u0000${target.slot ?? 1}`;
      let rep = repByKey.get(key);
      if (!rep) {
        rep = { kind: target.kind, fields: [] };
        repByKey.set(key, rep);
        plan.reps.push(rep);
      }
      rep.fields.push({ field: target.field, index });
    }
  }
  return plan;
}

/** Keeps the warnings list of a huge file readable; the counts in the summary stay exact. */
export const MAX_WARNINGS = 500;

/** Collects warnings up to `MAX_WARNINGS`. */
export function pushWarning(warnings: ImportWarning[], w: ImportWarning): void {
  if (warnings.length < MAX_WARNINGS) warnings.push(w);
}

/** One trimmed cell ('' for a column the mapping lacks or the record is too short for). */
function cellOf(record: string[], i: number | undefined): string {
  if (i === undefined) return '';
  const v = record[i];
  return v === undefined ? '' : v.trim();
}

/** `parseFlag` remembered per distinct cell: a column of flags holds a handful of spellings. */
function flagReader(): (raw: string) => boolean | undefined {
  const seen = new Map<string, boolean | undefined>();
  return (raw) => {
    if (seen.has(raw)) return seen.get(raw);
    const flag = parseFlag(raw);
    if (seen.size < 64) seen.set(raw, flag);
    return flag;
  };
}

/** Builds one client from one record; pure apart from appending warnings. */
export type RecordBuilder = (record: string[], line: number, warnings: ImportWarning[]) => ClientDraft;

/**
 * Compiles the mapping into a record builder: trims cells, reads flags, checks the email and records
 * the static eligibility reasons (everything but `group_not_mapped`; `duplicate_email` comes later from
 * `markDuplicates`). A non-empty cell beyond the header's columns fails the import: the columns have
 * shifted, so every later value would be read from the wrong column.
 */
export function createRecordBuilder(headers: string[], mapping: ColumnMapping, delimiter: Delimiter): RecordBuilder {
  const plan = planRecords(mapping);
  const width = headers.length;
  const { core } = plan;
  const subscribedHeader = core.subscribed === undefined ? '' : headers[core.subscribed]!;
  const deletedHeader = core.deleted === undefined ? '' : headers[core.deleted]!;
  const subscribedFlag = flagReader();
  const deletedFlag = flagReader();
  return (record, line, warnings) => {
    if (record.length > width) {
      for (let i = width; i < record.length; i++) {
        if (record[i]!.trim() !== '') {
          throw new AppFailure('csv_too_many_cells', { cells: record.length, expected: width, delimiter: delimiterLabel(delimiter) }, line);
        }
      }
    } else if (record.length < width) {
      pushWarning(warnings, { line, code: 'missing_cells', detail: `${record.length}/${width}` });
    }
    const reasons: EligibilityReason[] = [];

    let subscribed = false;
    if (core.subscribed !== undefined) {
      const raw = cellOf(record, core.subscribed);
      const flag = subscribedFlag(raw);
      if (flag === undefined) pushWarning(warnings, { line, code: 'bad_flag', detail: `${subscribedHeader}: ${raw}` });
      subscribed = flag === true;
    }
    let deleted = false;
    if (core.deleted !== undefined) {
      const raw = cellOf(record, core.deleted);
      const flag = deletedFlag(raw);
      if (flag === undefined) pushWarning(warnings, { line, code: 'bad_flag', detail: `${deletedHeader}: ${raw}` });
      // An unreadable "deleted" flag counts as deleted: never sync someone who may have been removed.
      deleted = flag !== false;
    }
    if (!subscribed) reasons.push('not_subscribed');

    const email = checkEmail(cellOf(record, core.email));
    if (email.status === 'empty') reasons.push('no_email');
    else if (email.status === 'invalid') {
      reasons.push('invalid_email');
      const shown = showInvisible(email.email);
      const detail = email.suggestion ? `${shown} → ${email.suggestion}` : shown;
      pushWarning(warnings, { line, code: email.invisible ? 'email_invisible' : email.lookalike ? 'email_lookalike' : 'email_invalid', detail });
    }
    if (deleted) reasons.push('deleted');

    const extra = new Array<string>(plan.extraIndexes.length);
    for (let k = 0; k < plan.extraIndexes.length; k++) extra[k] = cellOf(record, plan.extraIndexes[k]);
    const representatives: Representative[] = [];
    for (const rep of plan.reps) {
      const fields: Representative['fields'] = [];
      for (const f of rep.fields) {
        const value = cellOf(record, f.index);
        if (value !== '') fields.push({ field: f.field, value });
      }
      if (fields.length > 0) representatives.push({ kind: rep.kind, fields });
    }

    return {
      line,
      barsyId: cellOf(record, core.id),
      code: cellOf(record, core.code),
      name: cellOf(record, core.name),
      company: cellOf(record, core.company),
      email: email.email,
      emailKey: email.key,
      emailValid: email.status === 'valid',
      group: cellOf(record, core.group),
      subscribed,
      deleted,
      extra,
      representatives,
      reasons,
      emailSuggestion: email.suggestion,
      duplicateOfLine: null,
    };
  };
}

/** What duplicate detection needs of a client (kept for every client while the file streams). */
export type DuplicateCandidate = Pick<ClientDraft, 'line' | 'emailKey' | 'emailValid' | 'reasons' | 'duplicateOfLine'>;

/**
 * Clients sharing one valid email are one Mailchimp member. The winner is the first by line among
 * those with no other reason (subscribed, not deleted); if none is, the first by line. The others get
 * `duplicate_email` and the winner's line. Invalid and empty emails take no part. Candidates must come
 * in line order; returns the losers (changed in place).
 */
export function markDuplicates<T extends DuplicateCandidate>(candidates: Iterable<T>, warnings: ImportWarning[]): T[] {
  const byKey = new Map<string, T | T[]>();
  for (const c of candidates) {
    if (!c.emailValid) continue;
    const seen = byKey.get(c.emailKey);
    if (seen === undefined) byKey.set(c.emailKey, c);
    else if (Array.isArray(seen)) seen.push(c);
    else byKey.set(c.emailKey, [seen, c]);
  }
  const losers: T[] = [];
  for (const list of byKey.values()) {
    if (!Array.isArray(list)) continue;
    const winner = list.find((c) => c.reasons.length === 0) ?? list[0]!;
    for (const c of list) {
      if (c === winner) continue;
      c.reasons.push('duplicate_email');
      c.duplicateOfLine = winner.line;
      losers.push(c);
    }
  }
  losers.sort((a, b) => a.line - b.line);
  for (const c of losers) pushWarning(warnings, { line: c.line, code: 'duplicate_email', detail: `${c.emailKey} = ${c.duplicateOfLine}` });
  warnings.sort((a, b) => a.line - b.line);
  return losers;
}

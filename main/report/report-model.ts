import type { EligibilityReason } from '../../shared/domain/client.js';
import { emailParts, type EmailPart } from '../../shared/domain/email-marks.js';
import type { MemberStatus, RunItem } from '../../shared/domain/sync.js';
import { formatError, formatReason, type Language } from '../../shared/i18n/messages.js';
import { assertCountsAddUp } from './report-counts.js';
import { clip, formatCount, formatDuration, formatTime } from './report-format.js';
import { reportStrings, type PartialCounts, type ReportStrings } from './report-strings.js';
import type { DigestSection, RunDigest } from './report-digest.js';
import type { MailchimpChangeRow } from '../runs/run-notes.js';

/** Colour family of a number or section; each renderer maps it to its own look. */
export type Tone = 'good' | 'info' | 'neutral' | 'warn' | 'kept' | 'bad';

/** One client in a list; `email` holds the "(no email)" label when `hasEmail` is false. */
export type ReportRow = {
  line: number;
  name: string;
  email: string;
  hasEmail: boolean;
  /** The email in parts, suspect characters (look-alike, invisible) marked, and its correction. */
  emailParts: EmailPart[];
  emailFix: string | null;
  /** `ID 1001 · код C1001`: how to find the client in Barsy ('' when the export has neither). */
  barsyRef: string;
  group: string;
  detail: string;
};

export type ReportSection = { id: string; title: string; hint: string; tone: Tone; total: number; rows: ReportRow[]; more: string | null };

/** Everything the HTML and text renderers show, already translated, counted and capped. */
export type ReportModel = {
  lang: Language;
  strings: ReportStrings;
  title: string;
  subject: string;
  banner: { tone: Tone; text: string };
  tiles: Array<{ label: string; value: string; tone: Tone }>;
  totals: Array<{ label: string; value: string }>;
  /** "120 = 10 + 5 + …", the check a reader can do by eye. */
  equation: string;
  facts: Array<{ label: string; value: string }>;
  sections: ReportSection[];
  note: string;
  footer: string;
};

export type ReportModelOptions = {
  lang: Language;
  version: string;
  /** `email`: long lists point at the attachment; `export`: at the CSV export. */
  context: 'email' | 'export';
  /** Rows shown per section before "…and N more". */
  cap: number;
  /**
   * Rows shown in all sections together; once spent, each further section still shows its first
   * `minPerSection` rows. Keeps the email's HTML under Gmail's ~100 KB clipping limit.
   */
  budget: number;
  minPerSection: number;
  attachmentName: string;
  /** Set when the email's attachment holds only part of a big run (see `report-attachment.ts`). */
  partial?: PartialAttachment | null;
};

/** An attachment that holds the first `shown` of a run's `total` clients by importance; `cut`: the lists it does not hold in full. */
export type PartialAttachment = { shown: number; total: number; cut: ReadonlySet<string> };

// Actionable reasons first: the owner can fix an address or a mapping; a deleted client needs nothing.
export const REASON_ORDER: readonly EligibilityReason[] = ['invalid_email', 'no_email', 'group_not_mapped', 'not_subscribed', 'duplicate_email', 'deleted'];
export const KEPT_ORDER: readonly MemberStatus[] = ['unsubscribed', 'cleaned', 'pending', 'transactional', 'archived', 'subscribed'];

/**
 * The lists of clients, by id, in the order the report shows them (most urgent first); a big run's
 * attachment takes its rows in the same order. (The Mailchimp changes are not rows of the run.)
 */
export const SECTION_ORDER: readonly string[] = [
  'failed',
  ...KEPT_ORDER.map((st) => `kept-${st}`),
  'kept-other',
  ...REASON_ORDER.map((r) => `skipped-${r}`),
  'skipped-other',
  'shortened',
  'removals',
  'created',
  'updated',
];

// A list line is one line: a name with a line break (possible in a quoted CSV cell) is shown joined.
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function row(item: RunItem, s: ReportStrings, detail = ''): ReportRow {
  const email = oneLine(item.email);
  const fix = email !== '' && item.emailSuggestion ? item.emailSuggestion : null;
  const barsyRef = [item.barsyId ? s.barsyRef(item.barsyId) : '', item.code ? s.codeRef(item.code) : ''].filter((x) => x !== '').join(' · ');
  return {
    line: item.line,
    name: oneLine(item.name) || '—',
    email: email || s.noEmail,
    hasEmail: email !== '',
    emailParts: emailParts(email || s.noEmail, fix),
    emailFix: fix,
    barsyRef,
    group: oneLine(item.group),
    detail,
  };
}

/** A contact Mailchimp now has unsubscribed or cleaned, listed like a client's row (line 0: not in this import). */
function changeRow(ch: MailchimpChangeRow, s: ReportStrings): ReportRow {
  const email = oneLine(ch.email);
  const name = oneLine(ch.name ?? '') || '—';
  return { line: ch.line ?? 0, name, email, hasEmail: true, emailParts: emailParts(email, null), emailFix: null, barsyRef: '', group: '', detail: s.memberStatus[ch.status] };
}

/** What a partial attachment holds and leaves out, as the report's sentences count it. */
export function partialCounts(runId: number, p: Pick<PartialAttachment, 'shown' | 'total'>, s: ReportStrings): PartialCounts {
  const left = p.total - p.shown;
  return { runId, total: formatCount(p.total, s), shown: formatCount(p.shown, s), left: formatCount(left, s), leftCount: left };
}

/** Builds the translated, capped view of a run from its digest; throws if its counts do not add up. */
export function buildReportModel(data: RunDigest, opts: ReportModelOptions): ReportModel {
  const { summary } = data;
  assertCountsAddUp(summary, data.listed);
  const s = reportStrings(opts.lang);
  const n = (v: number) => formatCount(v, s);
  const c = summary.counts;

  const sections: ReportSection[] = [];
  let budget = opts.budget;
  // Sections come in order of urgency, so failures get the budget first.
  const add = (id: string, title: string, hint: string, tone: Tone, list: { total: number; rows: ReportRow[] }) => {
    if (list.total === 0) return;
    const shown = list.rows.slice(0, Math.min(opts.cap, Math.max(budget, opts.minPerSection)));
    budget -= shown.length;
    const rest = list.total - shown.length;
    const cut = opts.context === 'email' && opts.partial?.cut.has(id) === true;
    sections.push({ id, title, hint, tone, total: list.total, rows: shown, more: rest > 0 ? (cut ? s.morePartial(n(rest)) : s.more(n(rest), opts.context)) : null });
  };
  const empty: DigestSection = { total: 0, items: [] };
  const list = (id: string, toRow: (i: RunItem) => ReportRow = (i) => row(i, s)) => {
    const sec = data.sections.get(id) ?? empty;
    return { total: sec.total, rows: sec.items.map(toRow) };
  };

  add('failed', s.section.failed, s.section.failedHint, 'bad', list('failed', (i) => row(i, s, i.error ? formatError(i.error, opts.lang) : '')));
  const held = data.notes?.reviewHeld ?? 0;
  for (const status of KEPT_ORDER) {
    // New contacts held "pending" were sent as subscribed: Mailchimp is reviewing the account, not waiting for them.
    const hint = status === 'pending' && held > 0 ? s.section.reviewHeldHint(n(held), held) : (s.section.keptHint[status] ?? s.section.keptHint.other);
    add(`kept-${status}`, s.section.kept(s.memberStatus[status]), hint, 'kept', list(`kept-${status}`));
  }
  add('kept-other', s.section.kept('—'), s.section.keptHint.other, 'kept', list('kept-other'));
  for (const reason of REASON_ORDER) {
    add(`skipped-${reason}`, s.section.skipped(formatReason(reason, opts.lang)), s.section.skippedHint[reason], 'warn', list(`skipped-${reason}`));
  }
  add('skipped-other', s.section.skipped('—'), '', 'warn', list('skipped-other'));
  add('shortened', s.section.shortened, s.section.shortenedHint, 'info',
    list('shortened', (i) => row(i, s, i.shortened.map((v) => s.shortenedValue(v.tag, v.originalBytes, v.sentValue)).join('; '))));
  add('removals', s.section.removals, s.section.removalsHint, 'neutral', list('removals', (i) => row(i, s, i.removal ? s.removal[i.removal] : '')));
  const changes = (data.notes?.mailchimpChanges ?? []).map((ch) => changeRow(ch, s));
  add('mailchimp-changes', s.section.mailchimpChanges, s.section.mailchimpChangesHint, 'kept', { total: changes.length, rows: changes });
  add('created', s.section.created, '', 'good', list('created'));
  add('updated', s.section.updated, '', 'info', list('updated'));

  const unfinished = data.listed.none;
  const banner: ReportModel['banner'] =
    summary.status !== 'completed' && !summary.dryRun
      ? // The run's own error says what to fix (e.g. a mapped group deleted in Mailchimp): the reader of an automatic run's email needs it.
        { tone: 'warn', text: [s.notFinished(summary.status, n(unfinished), unfinished), summary.error ? formatError(summary.error, opts.lang) : ''].filter(Boolean).join(' ') }
      : c.failed > 0
        ? { tone: 'bad', text: s.needsAttention(n(c.failed), c.failed) }
        : { tone: 'good', text: s.allGood };
  const audience = summary.audienceName || summary.listId;

  return {
    lang: opts.lang,
    strings: s,
    title: summary.dryRun ? s.dryRunTitle(summary.runId) : s.title(summary.runId),
    subject: s.subject({
      audience: clip(audience, 60),
      clients: n(c.clients),
      count: c.clients,
      created: n(c.created),
      updated: n(c.updated),
      failed: n(c.failed),
      dryRun: summary.dryRun,
    }),
    banner,
    tiles: [
      { label: s.count.created, value: n(c.created), tone: 'good' },
      { label: s.count.updated, value: n(c.updated), tone: 'info' },
      { label: s.count.unchanged, value: n(c.unchanged), tone: 'neutral' },
      { label: s.count.skipped, value: n(c.skipped), tone: 'warn' },
      { label: s.count.keptStatus, value: n(c.keptStatus), tone: 'kept' },
      { label: s.count.failed, value: n(c.failed), tone: c.failed > 0 ? 'bad' : 'neutral' },
    ],
    totals: [
      { label: s.count.clients, value: n(c.clients) },
      { label: s.count.eligible, value: n(c.eligible) },
    ],
    equation: `${n(c.clients)} = ${[c.created, c.updated, c.unchanged, c.skipped, c.keptStatus, c.failed].map(n).join(' + ')}${
      unfinished > 0 ? ` + ${n(unfinished)} (${s.outcome.none})` : ''
    }`,
    facts: [
      { label: s.facts.audience, value: audience },
      { label: s.facts.file, value: summary.importFileName },
      { label: s.facts.importedAt, value: formatTime(summary.importedAt, s) },
      { label: s.facts.startedAt, value: formatTime(summary.startedAt, s) },
      { label: s.facts.duration, value: formatDuration(summary.durationMs, s) },
      { label: s.facts.requests, value: n(summary.requests) },
      { label: s.facts.kind, value: summary.dryRun ? s.facts.dryRun : s.facts.real },
      ...(summary.permissions
        ? [{ label: 'GDPR', value: s.permission(summary.permissions.permission, n(summary.permissions.granted), n(summary.permissions.failed), summary.permissions.failed) }]
        : []),
    ],
    sections,
    note: opts.context === 'export' ? s.exportNote : opts.partial ? s.attachmentPartial({ ...partialCounts(summary.runId, opts.partial, s), file: opts.attachmentName }) : s.attachmentNote(opts.attachmentName),
    footer: s.footer(opts.version),
  };
}

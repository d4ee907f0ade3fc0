import type { EligibilityReason } from '../../shared/domain/client.js';
import type { MemberStatus, Outcome, RunStatus, SyncCounts } from '../../shared/domain/sync.js';
import { capitalize, localeOf, lowerCase, t, type Language, type MessageKey, type Params } from '../../shared/i18n/translate.js';

/** Counts of a partial attachment, as formatted numbers (`left`, the number, picks the plural), and the run's id. */
export type PartialCounts = { runId: number; total: string; shown: string; left: string; leftCount: number };

type Counted = Exclude<keyof SyncCounts, 'clients' | 'eligible'>;

/**
 * Every fixed text of the report in one language, shaped for the renderers. The words themselves live in
 * the shared catalogue (`shared/i18n/catalogue/`): outcomes, statuses and column names are the same keys
 * the screens and the CLI use; only what the report alone says is under `runReport`.
 */
export type ReportStrings = {
  locale: string;
  product: string;
  title: (runId: number) => string;
  dryRunTitle: (runId: number) => string;
  subject: (p: { audience: string; clients: string; count: number; created: string; updated: string; failed: string; dryRun: boolean }) => string;
  allGood: string;
  needsAttention: (n: string, count: number) => string;
  notFinished: (status: RunStatus, n: string, count: number) => string;
  count: Record<Counted | 'clients' | 'eligible', string>;
  check: string;
  equation: string;
  facts: { audience: string; file: string; importedAt: string; startedAt: string; duration: string; requests: string; kind: string; real: string; dryRun: string };
  outcome: Record<Outcome | 'none', string>;
  memberStatus: Record<MemberStatus, string>;
  removal: Record<'unsubscribed' | 'archived', string>;
  columns: { line: string; name: string; email: string; group: string; result: string; details: string; shortened: string; removal: string; barsyId: string; code: string; emailFix: string };
  /** `corrected: x@y.bg`, `ID 1001`, `code C1001`: how a refused email's correction and a client's Barsy keys read in a list. */
  emailFix: (email: string) => string;
  barsyRef: (id: string) => string;
  codeRef: (code: string) => string;
  section: {
    failed: string;
    failedHint: string;
    skipped: (reason: string) => string;
    skippedHint: Record<EligibilityReason, string>;
    kept: (status: string) => string;
    keptHint: Partial<Record<MemberStatus, string>> & { other: string };
    shortened: string;
    shortenedHint: string;
    removals: string;
    removalsHint: string;
    created: string;
    updated: string;
    /** Pending new contacts explained: Mailchimp reviews the account. */
    reviewHeldHint: (n: string, count: number) => string;
    mailchimpChanges: string;
    mailchimpChangesHint: string;
  };
  /** The marketing permission given to the contacts the run created. */
  permission: (permission: string, granted: string, failed: string, failedCount: number) => string;
  shortenedValue: (tag: string, bytes: number, sent: string) => string;
  more: (n: string, where: 'email' | 'export') => string;
  attachmentNote: (file: string) => string;
  /** A big run's attachment holds only its first rows by importance: what it holds, what is left out and where the full list is. */
  attachmentPartial: (p: PartialCounts & { file: string }) => string;
  /** The same, as the first line of such an attachment. */
  attachmentPartialCsv: (p: PartialCounts) => string;
  /** "…and N more" for a list the partial attachment does not hold in full. */
  morePartial: (n: string) => string;
  exportNote: string;
  footer: (version: string) => string;
  noEmail: string;
  duration: { ms: string; s: string; min: string; h: string };
  testSubject: string;
  testBody: string;
};

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'];
const MEMBER_STATUSES: MemberStatus[] = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional', 'archived'];
const REASONS: EligibilityReason[] = ['group_not_mapped', 'not_subscribed', 'no_email', 'invalid_email', 'deleted', 'duplicate_email'];

const mapOf = <K extends string>(keys: readonly K[], f: (k: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, string>;

function build(lang: Language): ReportStrings {
  const w = (key: MessageKey, params: Params = {}) => t(key, params, lang);
  const lower = (key: MessageKey) => lowerCase(w(key), lang);
  const dryRun = w('report.dryRun');
  return {
    locale: localeOf(lang),
    product: w('runReport.product'),
    title: (id) => w('runReport.title', { id }),
    dryRunTitle: (id) => w('runReport.dryRunTitle', { id, dryRun: capitalize(dryRun, lang) }),
    subject: ({ dryRun: dry, ...p }) => w('runReport.subject', { ...p, kind: dry ? capitalize(dryRun, lang) : w('sync.title') }),
    allGood: w('runReport.allGood'),
    needsAttention: (n, count) => w('runReport.needsAttention', { n, count, failed: w('outcome.failed') }),
    notFinished: (status, n, count) => w('runReport.notFinished', { status: lower(`runStatus.${status}`), n, count }),
    count: { clients: w('preview.clients'), eligible: w('import.eligible'), ...mapOf(OUTCOMES, (o) => w(`outcome.${o}`)) },
    check: w('runReport.check'),
    equation: `${w('clientsWord')} = ${OUTCOMES.map((o) => lower(`outcome.${o}`)).join(' + ')}`,
    facts: {
      audience: w('report.audience'),
      file: w('runReport.facts.file'),
      importedAt: w('runReport.facts.importedAt'),
      startedAt: w('report.started'),
      duration: w('report.duration'),
      requests: w('report.requests'),
      kind: w('runReport.facts.kind'),
      real: lower('sync.title'),
      dryRun,
    },
    outcome: { ...mapOf(OUTCOMES, (o) => lower(`outcomeItem.${o}`)), none: lower('outcomeItem.none') },
    memberStatus: mapOf(MEMBER_STATUSES, (s) => w(`memberStatus.${s}`)),
    removal: { unsubscribed: w('detail.removal.unsubscribed'), archived: w('detail.removal.archived') },
    columns: {
      line: w('table.line'),
      name: w('runReport.columns.name'),
      email: w('table.email'),
      group: w('table.group'),
      result: w('runReport.columns.result'),
      details: w('runReport.columns.details'),
      shortened: w('runReport.section.shortened'),
      removal: w('runReport.columns.removal'),
      barsyId: w('runReport.columns.barsyId'),
      code: w('runReport.columns.code'),
      emailFix: w('runReport.columns.emailFix'),
    },
    emailFix: (email) => t('runReport.emailFix', { email }, lang),
    barsyRef: (id) => t('runReport.barsyRef', { id }, lang),
    codeRef: (code) => t('runReport.codeRef', { code }, lang),
    section: {
      failed: w('outcome.failed'),
      failedHint: w('runReport.section.failedHint'),
      skipped: (reason) => `${w('outcome.skipped')}: ${reason}`,
      skippedHint: mapOf(REASONS, (r) => w(`runReport.section.skippedHint.${r}`)),
      kept: (status) => `${w('outcome.keptStatus')}: ${status}`,
      keptHint: {
        unsubscribed: w('runReport.section.keptHint.unsubscribed'),
        cleaned: w('runReport.section.keptHint.cleaned'),
        pending: w('runReport.section.keptHint.pending'),
        other: w('runReport.section.keptHint.other'),
      },
      shortened: w('runReport.section.shortened'),
      shortenedHint: w('runReport.section.shortenedHint'),
      removals: w('runReport.section.removals'),
      removalsHint: w('runReport.section.removalsHint'),
      created: w('runReport.section.created'),
      updated: w('runReport.section.updated'),
      reviewHeldHint: (n, count) => w('runReport.section.reviewHeldHint', { n, count }),
      mailchimpChanges: w('runReport.section.mailchimpChanges'),
      mailchimpChangesHint: w('runReport.section.mailchimpChangesHint'),
    },
    permission: (permission, granted, failed, failedCount) =>
      w('runReport.section.permission', { permission, granted }) + (failedCount > 0 ? w('runReport.section.permissionFailed', { failed }) : ''),
    shortenedValue: (tag, bytes, sent) => w('runReport.shortenedValue', { tag, bytes, sent }),
    more: (n, where) => w(where === 'email' ? 'runReport.moreEmail' : 'runReport.moreExport', { n }),
    attachmentNote: (file) => w('runReport.attachmentNote', { file }),
    attachmentPartial: ({ runId, leftCount, ...p }) => w('runReport.attachmentPartial', { ...p, id: runId, count: leftCount }),
    attachmentPartialCsv: ({ runId, leftCount, ...p }) => w('runReport.attachmentPartialCsv', { ...p, id: runId, count: leftCount }),
    morePartial: (n) => w('runReport.morePartial', { n }),
    exportNote: w('runReport.exportNote'),
    footer: (version) => w('runReport.footer', { version }),
    noEmail: w('runReport.noEmail'),
    duration: { ms: w('unit.ms'), s: w('unit.s'), min: w('unit.min'), h: w('unit.h') },
    testSubject: w('runReport.testSubject'),
    testBody: w('runReport.testBody'),
  };
}

const cache = new Map<Language, ReportStrings>();

/** The report's texts in a language (built once per language from the shared catalogue). */
export function reportStrings(lang: Language): ReportStrings {
  let s = cache.get(lang);
  if (!s) cache.set(lang, (s = build(lang)));
  return s;
}

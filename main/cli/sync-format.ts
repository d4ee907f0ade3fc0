import type { Language } from '../../shared/i18n/messages.js';
import { formatError, formatReason } from '../../shared/i18n/messages.js';
import type { Outcome, RunItem, RunStatus, RunSummary, SyncPhase } from '../../shared/domain/sync.js';

/** The CLI's own words for runs, outcomes and phases (errors and reasons come from shared/i18n). */
const TEXT = {
  bg: {
    run: 'Синхронизация',
    dryRun: 'Пробно пускане — нищо не е записано в Mailchimp',
    requests: 'заявки',
    clients: 'клиенти',
    eligible: 'за синхронизиране',
    shortened: 'Съкратени стойности (над 255 байта)',
    more: 'още',
    status: { running: 'тече', completed: 'завършена', failed: 'неуспешна', cancelled: 'прекъсната от вас', interrupted: 'прекъсната' },
    outcome: { created: 'добавени', updated: 'обновени', unchanged: 'без промяна', skipped: 'пропуснати', keptStatus: 'запазен статус', failed: 'неуспешни' },
    would: { created: 'ще бъдат добавени', updated: 'ще бъдат обновени', unchanged: 'без промяна', skipped: 'пропуснати', keptStatus: 'запазен статус', failed: 'неуспешни' },
    phase: { preflight: 'проверка', reading: 'четене', planning: 'план', pushing: 'изпращане', removing: 'премахване', finishing: 'край', done: 'готово' },
    memberStatus: 'статус в Mailchimp',
  },
  en: {
    run: 'Sync run',
    dryRun: 'Dry run — nothing was written to Mailchimp',
    requests: 'requests',
    clients: 'clients',
    eligible: 'eligible',
    shortened: 'Shortened values (over 255 bytes)',
    more: 'more',
    status: { running: 'running', completed: 'completed', failed: 'failed', cancelled: 'cancelled', interrupted: 'interrupted' },
    outcome: { created: 'created', updated: 'updated', unchanged: 'unchanged', skipped: 'skipped', keptStatus: 'kept status', failed: 'failed' },
    would: { created: 'would be created', updated: 'would be updated', unchanged: 'unchanged', skipped: 'skipped', keptStatus: 'kept status', failed: 'failed' },
    phase: { preflight: 'preflight', reading: 'reading', planning: 'planning', pushing: 'pushing', removing: 'removing', finishing: 'finishing', done: 'done' },
    memberStatus: 'Mailchimp status',
  },
} as const;

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'keptStatus', 'failed', 'skipped'];

export const phaseLabel = (p: SyncPhase, lang: Language): string => TEXT[lang].phase[p];
export const statusLabel = (s: RunStatus, lang: Language): string => TEXT[lang].status[s];

/** `sync --json`: the stable machine-readable result. */
export function summaryJson(s: RunSummary): Record<string, unknown> {
  const { clients, eligible, created, updated, unchanged, skipped, keptStatus, failed } = s.counts;
  return {
    runId: s.runId,
    status: s.status,
    counts: { clients, eligible, created, updated, unchanged, skipped, keptStatus, failed },
    requests: s.requests,
    durationMs: s.durationMs ?? 0,
    ...(s.error ? { error: s.error } : {}),
  };
}

/** One run in a few lines: status, time, requests and the counts. */
export function formatSummary(s: RunSummary, lang: Language, withError = true): string {
  const t = TEXT[lang];
  const secs = ((s.durationMs ?? 0) / 1000).toFixed(1);
  const head = `${t.run} #${s.runId} — ${statusLabel(s.status, lang)} (${secs} s, ${s.requests} ${t.requests})${s.audienceName ? ` · ${s.audienceName}` : ''}`;
  const words = s.dryRun ? t.would : t.outcome;
  const counts = OUTCOMES.map((o) => `${words[o]} ${s.counts[o]}`).join(' · ');
  const lines = [head, ...(s.dryRun ? [t.dryRun] : []), `${s.counts.clients} ${t.clients}, ${s.counts.eligible} ${t.eligible}: ${counts}`];
  if (s.error && withError) lines.push(formatError(s.error, lang));
  return lines.join('\n');
}

/** Why an item ended the way it did, in one phrase. */
function detailOf(it: RunItem, lang: Language): string {
  if (it.error) return formatError(it.error, lang);
  if (it.reason) return formatReason(it.reason, lang);
  if (it.memberStatus) return `${TEXT[lang].memberStatus}: ${it.memberStatus}`;
  return it.group;
}

/** Lists rows of the given outcomes (at most `cap` each) and every shortened value. */
export function formatItems(items: readonly RunItem[], outcomes: readonly Outcome[], lang: Language, dryRun: boolean, cap = 20): string {
  const t = TEXT[lang];
  const out: string[] = [];
  for (const o of outcomes) {
    const rows = items.filter((it) => it.outcome === o);
    if (rows.length === 0) continue;
    out.push(`${(dryRun ? t.would : t.outcome)[o]} (${rows.length}):`);
    for (const it of rows.slice(0, cap)) out.push(`  ${String(it.line).padStart(5)}  ${it.email || '—'}  ${it.name} — ${detailOf(it, lang)}`);
    if (rows.length > cap) out.push(`  … ${rows.length - cap} ${t.more}`);
  }
  const cut = items.filter((it) => it.shortened.length > 0);
  if (cut.length > 0) {
    out.push(`${t.shortened} (${cut.length}):`);
    for (const it of cut.slice(0, cap)) {
      for (const s of it.shortened) out.push(`  ${String(it.line).padStart(5)}  ${it.email}  ${s.tag}: ${s.originalBytes} → ${Buffer.byteLength(s.sentValue)} B`);
    }
    if (cut.length > cap) out.push(`  … ${cut.length - cap} ${t.more}`);
  }
  return out.join('\n');
}

import { formatError, formatReason } from '../../shared/i18n/messages.js';
import { capitalize, lowerCase, t, type Language, type MessageKey } from '../../shared/i18n/translate.js';
import type { Outcome, RunItem, RunStatus, RunSummary, SyncPhase } from '../../shared/domain/sync.js';

// The CLI says what the screens say (outcomes, statuses, phases come from the shared catalogue); only its
// run heading and "… N more" are its own (`cli.*`).
const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'keptStatus', 'failed', 'skipped'];

const lower = (key: MessageKey, lang: Language) => lowerCase(t(key, {}, lang), lang);
const outcomeWord = (o: Outcome, lang: Language, dryRun: boolean) => lower(dryRun ? `outcomePlanned.${o}` : `outcome.${o}`, lang);
const more = (n: number, lang: Language) => `  ${t('cli.more', { n }, lang)}`;

/** A sync phase as the progress bar shows it. */
export const phaseLabel = (p: SyncPhase, lang: Language): string => t(`phase.${p}`, {}, lang);
/** A run's status inside a line ("завършена", "completed"). */
export const statusLabel = (s: RunStatus, lang: Language): string => lower(`runStatus.${s}`, lang);

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
  const secs = ((s.durationMs ?? 0) / 1000).toFixed(1);
  const head = `${t('cli.runTitle', { id: s.runId }, lang)} — ${statusLabel(s.status, lang)} (${secs} ${t('unit.s', {}, lang)}, ${s.requests} ${t('cli.requests', {}, lang)})${s.audienceName ? ` · ${s.audienceName}` : ''}`;
  const counts = OUTCOMES.map((o) => `${outcomeWord(o, lang, s.dryRun)} ${s.counts[o]}`).join(' · ');
  const dryRun = `${capitalize(t('report.dryRun', {}, lang), lang)} — ${t('nothingSent', {}, lang)}`;
  const lines = [head, ...(s.dryRun ? [dryRun] : []), `${s.counts.clients} ${t('clientsWord', {}, lang)}, ${s.counts.eligible} ${lower('import.eligible', lang)}: ${counts}`];
  if (s.error && withError) lines.push(formatError(s.error, lang));
  return lines.join('\n');
}

/** Why an item ended the way it did, in one phrase. */
function detailOf(it: RunItem, lang: Language): string {
  if (it.error) return formatError(it.error, lang);
  if (it.reason) return formatReason(it.reason, lang);
  if (it.memberStatus) return t('detail.kept', { status: t(`memberStatus.${it.memberStatus}`, {}, lang) }, lang);
  return it.group;
}

/** Lists rows of the given outcomes (at most `cap` each) and every shortened value. */
export function formatItems(items: readonly RunItem[], outcomes: readonly Outcome[], lang: Language, dryRun: boolean, cap = 20): string {
  const out: string[] = [];
  for (const o of outcomes) {
    const rows = items.filter((it) => it.outcome === o);
    if (rows.length === 0) continue;
    out.push(`${outcomeWord(o, lang, dryRun)} (${rows.length}):`);
    for (const it of rows.slice(0, cap)) out.push(`  ${String(it.line).padStart(5)}  ${it.email || '—'}  ${it.name} — ${detailOf(it, lang)}`);
    if (rows.length > cap) out.push(more(rows.length - cap, lang));
  }
  const cut = items.filter((it) => it.shortened.length > 0);
  if (cut.length > 0) {
    out.push(`${t('runReport.section.shortened', {}, lang)} (${cut.length}):`);
    for (const it of cut.slice(0, cap)) {
      for (const s of it.shortened) out.push(`  ${String(it.line).padStart(5)}  ${it.email}  ${s.tag}: ${s.originalBytes} → ${Buffer.byteLength(s.sentValue)} ${t('unit.bytes', {}, lang)}`);
    }
    if (cut.length > cap) out.push(more(cut.length - cap, lang));
  }
  return out.join('\n');
}

import { describe, expect, it } from 'vitest';
import { formatItems, formatSummary, statusLabel } from '../../main/cli/sync-format.js';
import { reportStrings } from '../../main/report/report-strings.js';
import type { RunItem, RunSummary } from '../../shared/domain/sync.js';
import { t as shellWord } from '../../main/electron/shell-messages.js';
import { syncCountsLine } from '../../shared/i18n/sync-counts.js';
import { formatReason, formatWarningCode } from '../../shared/i18n/messages.js';
import { lowerCase, t } from '../../shared/i18n/translate.js';

const LANGS = ['bg', 'en'] as const;

const summary = (over: Partial<RunSummary> = {}): RunSummary =>
  ({
    runId: 3, status: 'completed', dryRun: false, listId: 'l1', audienceName: 'Кафе', importId: 1, importFileName: 'a.csv', importedAt: '2025-01-01T10:00:00Z',
    startedAt: '2025-01-01T10:00:00Z', finishedAt: '2025-01-01T10:00:02Z', durationMs: 2000, requests: 4, error: null,
    counts: { clients: 9, eligible: 8, created: 1, updated: 2, unchanged: 3, skipped: 1, keptStatus: 1, failed: 1 },
    reportEmail: { status: 'not_required' },
    ...over,
  }) as RunSummary;
const keptItem = { line: 7, name: 'Иван', email: 'i@x.bg', group: 'VIP', outcome: 'keptStatus', memberStatus: 'unsubscribed', reason: null, error: null, removal: null, shortened: [] } as unknown as RunItem;

describe('one wording per idea, wherever it is shown', () => {
  it('"kept status" and the other outcomes: the report takes the screens\' words', () => {
    for (const lang of LANGS) {
      const s = reportStrings(lang);
      for (const o of ['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'] as const) {
        expect(s.count[o]).toBe(t(`outcome.${o}`, {}, lang));
        expect(s.outcome[o]).toBe(lowerCase(t(`outcomeItem.${o}`, {}, lang), lang));
      }
      expect(t('outcomeItem.keptStatus', {}, lang)).toBe(t('outcome.keptStatus', {}, lang));
      expect(s.section.kept('x')).toBe(`${t('outcome.keptStatus', {}, lang)}: x`);
      expect(s.equation).toContain(lowerCase(t('outcome.keptStatus', {}, lang), lang));
    }
    expect(reportStrings('en').equation).toBe('clients = added + updated + unchanged + skipped + status kept + failed');
  });

  it('statuses, removals, column names and units: the report takes the screens\' words', () => {
    for (const lang of LANGS) {
      const s = reportStrings(lang);
      expect(s.memberStatus.cleaned).toBe(t('memberStatus.cleaned', {}, lang));
      expect(s.removal.unsubscribed).toBe(t('detail.removal.unsubscribed', {}, lang));
      expect([s.columns.line, s.columns.email, s.columns.group, s.columns.result]).toEqual(
        [t('table.line', {}, lang), t('table.email', {}, lang), t('table.group', {}, lang), t('table.outcome', {}, lang)],
      );
      expect([s.facts.audience, s.facts.duration, s.facts.requests, s.facts.dryRun]).toEqual(
        [t('report.audience', {}, lang), t('report.duration', {}, lang), t('report.requests', {}, lang), t('report.dryRun', {}, lang)],
      );
      expect(s.notFinished('interrupted', '2', 2)).toContain(lowerCase(t('runStatus.interrupted', {}, lang), lang));
    }
  });

  it('the desktop shell takes the screens\' words for the data folder and the end-of-sync notification', () => {
    for (const lang of LANGS) {
      expect(shellWord('dataFolder', lang)).toBe(t('settings.dataFolder', {}, lang));
      expect(shellWord('syncDone', lang)).toBe(t('sync.notify.completed', {}, lang));
      expect(shellWord('syncFailed', lang)).toBe(t('sync.notify.failed', {}, lang));
      expect(shellWord('cancel', lang)).toBe(t('common.cancel', {}, lang));
      expect(syncCountsLine({ created: 1, updated: 2, unchanged: 3, skipped: 4, failed: 5 }, lang)).toContain(`${t('outcome.created', {}, lang)}: 1`);
    }
    expect(syncCountsLine({ created: 1, updated: 2, unchanged: 3, skipped: 4, failed: 5 }, 'bg')).toBe('Добавени: 1, обновени: 2, без промяна: 3, пропуснати: 4, неуспешни: 5');
  });

  it('reasons and import warnings are one set of words (an invalid email is worded once)', () => {
    for (const lang of LANGS) {
      expect(formatWarningCode('email_invalid', lang)).toBe(formatReason('invalid_email', lang));
      expect(formatReason('no_email', lang)).toBe(t('reason.no_email', {}, lang));
    }
  });

  it('the CLI takes "kept status", the run statuses and the dry-run words from the same keys as the screens and the report', () => {
    for (const lang of LANGS) {
      const kept = lowerCase(t('outcome.keptStatus', {}, lang), lang);
      expect(kept).toBe(reportStrings(lang).outcome.keptStatus);
      expect(formatSummary(summary(), lang)).toContain(`${kept} 1`);
      expect(formatSummary(summary(), lang)).toContain(`— ${statusLabel('completed', lang)} (`);
      expect(statusLabel('cancelled', lang)).toBe(lowerCase(t('runStatus.cancelled', {}, lang), lang));
      expect(formatSummary(summary({ dryRun: true }), lang)).toContain(t('nothingSent', {}, lang));
      expect(formatSummary(summary({ dryRun: true }), lang)).toContain(`${lowerCase(t('outcomePlanned.created', {}, lang), lang)} 1`);
      const items = formatItems([keptItem], ['keptStatus'], lang, false);
      expect(items).toContain(`${kept} (1):`);
      expect(items).toContain(t('detail.kept', { status: t('memberStatus.unsubscribed', {}, lang) }, lang));
    }
    expect(formatSummary(summary(), 'en')).toMatch(/^Sync run #3 — completed \(2\.0 s, 4 requests\) · Кафе\n9 clients, 8 eligible for sync: added 1 · updated 2 · unchanged 3 · status kept 1 · failed 1 · skipped 1$/);
  });
});

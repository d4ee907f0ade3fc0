import { describe, expect, it } from 'vitest';
import { reportStrings } from '../../main/report/report-strings.js';
import { t as shellWord } from '../../main/electron/shell-messages.js';
import { syncCountsLine } from '../../shared/i18n/sync-counts.js';
import { formatReason, formatWarningCode } from '../../shared/i18n/messages.js';
import { lowerCase, t } from '../../shared/i18n/translate.js';

const LANGS = ['bg', 'en'] as const;

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
});

import type { SyncCounts } from '../domain/sync.js';
import { lowerCase, t, type Language } from './translate.js';

const COUNTED = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

/**
 * A finished run's counts in one line, in the outcomes' own words ("Добавени: 3, обновени: 1, …"): the
 * body of the end-of-sync notification, whichever side shows it.
 */
export function syncCountsLine(c: Pick<SyncCounts, (typeof COUNTED)[number]>, lang: Language): string {
  return COUNTED.map((o, i) => {
    const word = t(`outcome.${o}`, {}, lang);
    return `${i === 0 ? word : lowerCase(word, lang)}: ${c[o]}`;
  }).join(', ');
}

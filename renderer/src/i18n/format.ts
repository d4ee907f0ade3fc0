import { localeOf as locale, t, type Language } from '../../../shared/i18n/translate.js';

/** 12 345 in Bulgarian, 12,345 in English. */
export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** A date and time as people read it in that language. */
export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** "1 мин 05 с" / "1 min 05 s"; under a second shows as "< 1 s". */
export function formatDuration(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  const total = Math.round(ms / 1000);
  const [m, s, h] = [t('unit.min', {}, lang), t('unit.s', {}, lang), t('unit.h', {}, lang)];
  if (ms < 1000) return `< 1 ${s}`;
  if (total < 60) return `${total} ${s}`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} ${m} ${String(total % 60).padStart(2, '0')} ${s}`;
  return `${Math.floor(minutes / 60)} ${h} ${String(minutes % 60).padStart(2, '0')} ${m}`;
}

/** File sizes in KB/MB with the language's number format. */
export function formatBytes(bytes: number, lang: Language): string {
  if (bytes < 1024) return `${bytes} ${t('unit.bytes', {}, lang)}`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, lang)} ${t('unit.kb', {}, lang)}`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, lang)} ${t('unit.mb', {}, lang)}`;
}

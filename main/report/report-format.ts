import type { ReportStrings } from './report-strings.js';

/** A count with the locale's digit grouping (12 345 / 12,345). */
export function formatCount(n: number, s: ReportStrings): string {
  return new Intl.NumberFormat(s.locale).format(n);
}

/** A stored ISO time as local date and time; an unparsable value is shown as stored. */
export function formatTime(iso: string | null, s: ReportStrings): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(s.locale, { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

/** A run's duration the way people say it: "850 ms", "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null, s: ReportStrings): string {
  if (ms === null || ms < 0) return '—';
  const u = s.duration;
  if (ms < 1000) return `${Math.round(ms)} ${u.ms}`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} ${u.s}`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return `${minutes} ${u.min} ${String(seconds).padStart(2, '0')} ${u.s}`;
  return `${Math.floor(minutes / 60)} ${u.h} ${String(minutes % 60).padStart(2, '0')} ${u.min}`;
}

/** Cuts a text for a one-line place (subject, table cell) at a character boundary. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

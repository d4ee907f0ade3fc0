import { AppFailure } from '../../shared/domain/app-error.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the automatic sync runs, in the computer's local time. */
export type ScheduleSpec = { kind: 'daily'; hour: number; minute: number } | { kind: 'weekly'; day: Weekday; hour: number; minute: number };

/** Names a person may type for a day: English, English 3-letter, Bulgarian and its usual abbreviations. */
const DAY_NAMES: Record<string, Weekday> = {};
const spellings: Record<Weekday, string[]> = {
  monday: ['mon', 'mo', 'понеделник', 'пон', 'пн'],
  tuesday: ['tue', 'tu', 'вторник', 'вт'],
  wednesday: ['wed', 'we', 'сряда', 'ср'],
  thursday: ['thu', 'th', 'четвъртък', 'чет', 'чт'],
  friday: ['fri', 'fr', 'петък', 'пет', 'пт'],
  saturday: ['sat', 'sa', 'събота', 'съб', 'сб'],
  sunday: ['sun', 'su', 'неделя', 'нед', 'нд'],
};
for (const day of WEEKDAYS) {
  DAY_NAMES[day] = day;
  for (const s of spellings[day]) DAY_NAMES[s] = day;
}

/** Parses `HH:MM` (24-hour, `7:00` allowed). */
export function parseTime(text: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) throw new AppFailure('schedule_invalid', { value: text });
  return { hour, minute };
}

/** Parses a day name (`mon`, `Monday`, `понеделник`, `пн`, …). */
export function parseWeekday(text: string): Weekday {
  const day = DAY_NAMES[text.trim().toLowerCase().replace(/\.$/, '')];
  if (!day) throw new AppFailure('schedule_invalid', { value: text });
  return day;
}

/** `HH:MM` with leading zeros. */
export function formatTime(spec: Pick<ScheduleSpec, 'hour' | 'minute'>): string {
  return `${String(spec.hour).padStart(2, '0')}:${String(spec.minute).padStart(2, '0')}`;
}

/** The stable `at` of `schedule show --json`: `07:00` daily, `monday 07:00` weekly. */
export function formatAt(spec: ScheduleSpec): string {
  return spec.kind === 'daily' ? formatTime(spec) : `${spec.day} ${formatTime(spec)}`;
}

/** 0 = Sunday … 6 = Saturday, as `Date.getDay()` and cron count. */
export function weekdayIndex(day: Weekday): number {
  return (WEEKDAYS.indexOf(day) + 1) % 7;
}

/** The next time the schedule fires after `now` (local time; a time skipped by a DST jump moves to the next day). */
export function nextRun(spec: ScheduleSpec, now: Date = new Date()): Date {
  for (let ahead = 0; ahead <= 8; ahead++) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + ahead, spec.hour, spec.minute, 0, 0);
    if (d.getHours() !== spec.hour || d.getMinutes() !== spec.minute) continue;
    if (spec.kind === 'weekly' && d.getDay() !== weekdayIndex(spec.day)) continue;
    if (d.getTime() > now.getTime()) return d;
  }
  // Unreachable for valid specs: within 8 days every daily and weekly time occurs.
  throw new AppFailure('schedule_invalid', { value: formatAt(spec) });
}

/** A local time as ISO 8601 with the UTC offset (`2026-12-07T07:00:00+02:00`), readable by people and programs. */
export function localIso(d: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

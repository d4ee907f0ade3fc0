import type { Db } from '../db/open-database.js';
import type { ScheduledCommand } from './scheduled-command.js';
import type { ScheduleSpec, Weekday } from './schedule-spec.js';

/** Which operating-system mechanism carries the schedule. */
export type ScheduleBackend = 'windows-task' | 'launch-agent' | 'systemd-timer' | 'crontab';

export type StoredSchedule = { spec: ScheduleSpec; backend: ScheduleBackend; entry: string; command: ScheduledCommand; updatedAt: string };

type Row = { kind: 'daily' | 'weekly'; day: Weekday | null; hour: number; minute: number; backend: ScheduleBackend; entry: string; command: string; updated_at: string };

/** The schedule registered from this database, if any. */
export function readSchedule(db: Db): StoredSchedule | undefined {
  const r = db.prepare<[], Row>('SELECT kind, day, hour, minute, backend, entry, command, updated_at FROM schedule WHERE id = 1').get();
  if (!r) return undefined;
  const spec: ScheduleSpec = r.kind === 'weekly' && r.day ? { kind: 'weekly', day: r.day, hour: r.hour, minute: r.minute } : { kind: 'daily', hour: r.hour, minute: r.minute };
  return { spec, backend: r.backend, entry: r.entry, command: JSON.parse(r.command) as ScheduledCommand, updatedAt: r.updated_at };
}

/** Records the schedule once the OS accepted it. */
export function writeSchedule(db: Db, s: Omit<StoredSchedule, 'updatedAt'>): void {
  db.prepare(
    `INSERT INTO schedule (id, kind, day, hour, minute, backend, entry, command, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, day = excluded.day, hour = excluded.hour, minute = excluded.minute,
       backend = excluded.backend, entry = excluded.entry, command = excluded.command, updated_at = excluded.updated_at`,
  ).run(s.spec.kind, s.spec.kind === 'weekly' ? s.spec.day : null, s.spec.hour, s.spec.minute, s.backend, s.entry, JSON.stringify(s.command), new Date().toISOString());
}

/** Forgets the schedule once the OS entry is gone. */
export function deleteSchedule(db: Db): void {
  db.prepare('DELETE FROM schedule WHERE id = 1').run();
}

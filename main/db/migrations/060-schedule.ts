/**
 * The automatic-sync schedule the user set (one row at most) and the operating-system entry that
 * carries it out (task name, plist or unit path, or "crontab"), so `schedule show` and Settings can say
 * what is registered and `schedule off` can remove exactly it. Owned by main/schedule/. Forward-only.
 */
export const migration060 = {
  version: 60,
  name: 'schedule',
  sql: `
CREATE TABLE schedule (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
  day TEXT CHECK (day IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
  backend TEXT NOT NULL CHECK (backend IN ('windows-task', 'launch-agent', 'systemd-timer', 'crontab')),
  entry TEXT NOT NULL,
  -- The registered command as JSON {kind, program, args}.
  command TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};

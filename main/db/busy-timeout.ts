import type { Db } from './database.js';

/**
 * Runs `write` with the connection's busy timeout set to `ms` for its duration, then restores it. For
 * writes that may be skipped (a run's heartbeat): they wait briefly for another process's short
 * transaction, but not the usual 5 s. That wait is synchronous and freezes the process, and a skippable
 * write that waited it out twice and swallowed its error could sit out a whole lock that the run's own
 * next write must meet to stop the run. One connection, one thread: nothing else runs in between.
 */
export function withBusyTimeout<T>(db: Db, ms: number, write: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

import type { Db } from './database.js';

/**
 * Runs `write` with the busy timeout off, so a locked database answers SQLITE_BUSY at once instead of
 * after the usual 5 s wait. For writes that may be skipped (a run's heartbeat): the wait is synchronous
 * and would freeze the process, and a skipped write that swallowed its error could sit out a whole lock
 * that the run's own next write must meet to stop the run. The previous timeout is restored afterwards
 * (one connection, one thread: nothing else runs in between).
 */
export function withoutBusyWait<T>(db: Db, write: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

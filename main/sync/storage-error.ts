import { appError, type AppError } from '../../shared/domain/app-error.js';

/**
 * SQLite failures the engine can meet while a run goes on: the database locked by another process for
 * longer than the busy timeout (a big import in the app while the CLI syncs), a full disk, an I/O
 * error. They are not the run's data being wrong: the run stops as `interrupted` and resumes later.
 */
export function storageErrorOf(err: unknown): AppError | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return appError('storage_busy');
  if (code === 'SQLITE_FULL') return appError('storage_full');
  return appError('storage_failed', { detail: code });
}

/** Runs a write, retrying while the database is busy, for about `totalMs` (the busy timeout waits inside each try). */
export async function withStorageRetry<T>(write: () => T, totalMs = 60_000, pauseMs = 500): Promise<T> {
  const until = Date.now() + totalMs;
  for (;;) {
    try {
      return write();
    } catch (err) {
      if (storageErrorOf(err)?.code !== 'storage_busy' || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

import type { Db } from '../db/open-database.js';
import type { AppError } from '../../shared/domain/app-error.js';

export type WatchAction = 'imported' | 'unchanged' | 'failed';

export type WatchedFile = { path: string; size: number; mtimeMs: number; sha256: string; action: WatchAction; importId: number | null; runId: number | null };

type Row = { path: string; size: number; mtime_ms: number; sha256: string; action: WatchAction; import_id: number | null; run_id: number | null };

/** What was last handled at this path, if anything. */
export function getWatchedFile(db: Db, file: string): WatchedFile | undefined {
  const r = db.prepare<[string], Row>('SELECT path, size, mtime_ms, sha256, action, import_id, run_id FROM watched_files WHERE path = ?').get(file);
  return r && { path: r.path, size: r.size, mtimeMs: r.mtime_ms, sha256: r.sha256, action: r.action, importId: r.import_id, runId: r.run_id };
}

/** Remembers the outcome for this path and these bytes. */
export function recordWatchedFile(db: Db, f: WatchedFile & { error?: AppError | null }): void {
  db.prepare(
    `INSERT INTO watched_files (path, size, mtime_ms, sha256, action, import_id, run_id, error, handled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256, action = excluded.action,
       import_id = excluded.import_id, run_id = excluded.run_id, error = excluded.error, handled_at = excluded.handled_at`,
  ).run(f.path, f.size, Math.round(f.mtimeMs), f.sha256, f.action, f.importId, f.runId, f.error ? JSON.stringify(f.error) : null, new Date().toISOString());
}

/** Same bytes, new modification time (e.g. the file was saved again unchanged): nothing to do but remember it. */
export function touchWatchedFile(db: Db, file: string, size: number, mtimeMs: number): void {
  db.prepare('UPDATE watched_files SET size = ?, mtime_ms = ? WHERE path = ?').run(size, Math.round(mtimeMs), file);
}

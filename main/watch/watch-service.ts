import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../context/app-context.js';
import { toAppError } from '../context/to-app-error.js';
import { runImport } from '../import/import-service.js';
import { settingsPointAtDemo } from '../mailchimp/demo-simulator.js';
import { startSync } from '../sync/engine.js';
import { AppFailure, type AppError } from '../../shared/domain/app-error.js';
import type { SyncCounts } from '../../shared/domain/sync.js';
import { waitUntilComplete, type SettleOptions } from './file-settle.js';
import { getWatchedFile, recordWatchedFile, touchWatchedFile, type WatchAction } from './watched-files-store.js';

/** One line of `barsy-sync watch --json` (a stable interface). */
export type WatchResult = {
  file: string;
  action: WatchAction;
  importId?: number;
  runId?: number;
  counts?: SyncCounts;
  /** The failure as data; the CLI prints it translated. */
  error?: AppError;
};

export type WatchOptions = SettleOptions & {
  /** How long to wait for another process's sync to end before syncing a new file (default 30 min). */
  busyWaitMs?: number;
};

/** Whether a path is a CSV export the folder watcher handles (hidden and temporary files are not). */
export function isExportFile(file: string): boolean {
  const name = path.basename(file);
  return /\.csv$/i.test(name) && !name.startsWith('.') && !name.startsWith('~$');
}

/** Checks what must be in place before files are handled: the folder, Mailchimp, the report address. */
export function checkWatchSetup(ctx: AppContext, folder: string | undefined): string {
  if (!folder) throw new AppFailure('watch_folder_not_set');
  const dir = path.resolve(folder);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new AppFailure('watch_folder_missing', { folder: dir });
  if (!ctx.settings.get('mailchimp.listId')) throw new AppFailure('mailchimp_not_configured');
  if (!settingsPointAtDemo(ctx) && !ctx.settings.get('report.email')) throw new AppFailure('report_email_missing');
  return dir;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Starts an automatic sync exactly as `barsy-sync sync` would; while another process syncs, waits for it to end. */
async function syncNow(ctx: AppContext, o: WatchOptions) {
  const deadline = Date.now() + (o.busyWaitMs ?? 1_800_000);
  for (;;) {
    try {
      return await startSync(ctx, { dryRun: false, automatic: true });
    } catch (err) {
      if (!(err instanceof AppFailure && err.appError.code === 'run_already_running') || Date.now() > deadline || o.signal?.aborted) throw err;
      await sleep(2_000, undefined, { signal: o.signal }).catch(() => undefined);
    }
  }
}

/**
 * Handles one file of the watched folder once it is complete: imports it and syncs it. Returns null when
 * there is nothing to report: the file vanished, or these exact bytes at this path were handled before
 * (so a failed file is reported once, and an imported one is never synced twice). A file whose bytes
 * match an earlier import is `unchanged` and not synced again. Nothing is moved or deleted.
 */
export async function handleExportFile(ctx: AppContext, file: string, o: WatchOptions = {}): Promise<WatchResult | null> {
  const settled = await waitUntilComplete(file, o);
  if (!settled) return null;
  const before = getWatchedFile(ctx.db, file);
  if (before && before.size === settled.size && before.mtimeMs === Math.round(settled.mtimeMs)) return null;
  let sha: string;
  try {
    sha = sha256Of(file);
  } catch {
    return null; // gone or locked again between the checks: the next event brings it back
  }
  if (before?.sha256 === sha) {
    touchWatchedFile(ctx.db, file, settled.size, settled.mtimeMs);
    return null;
  }
  const base = { path: file, size: settled.size, mtimeMs: settled.mtimeMs, sha256: sha, importId: null, runId: null };

  let importId: number;
  try {
    const summary = await runImport(ctx, { path: file, encoding: 'auto', delimiter: 'auto' });
    importId = summary.importId;
    if (summary.alreadyImported) {
      recordWatchedFile(ctx.db, { ...base, action: 'unchanged', importId });
      return { file, action: 'unchanged', importId };
    }
  } catch (err) {
    const error = toAppError(err, ctx, 'watch import');
    recordWatchedFile(ctx.db, { ...base, action: 'failed', error });
    ctx.logger.warn('watched file not imported', { file, code: error.code });
    return { file, action: 'failed', error };
  }

  try {
    const { runId, done } = await syncNow(ctx, o);
    const summary = await done;
    recordWatchedFile(ctx.db, { ...base, action: 'imported', importId, runId, error: summary.error });
    return { file, action: 'imported', importId, runId, counts: summary.counts, ...(summary.error ? { error: summary.error } : {}) };
  } catch (err) {
    // Imported, but the sync could not start (e.g. a setting removed meanwhile): say so; the next sync takes this import.
    const error = toAppError(err, ctx, 'watch sync');
    recordWatchedFile(ctx.db, { ...base, action: 'imported', importId, error });
    return { file, action: 'imported', importId, error };
  }
}

/** The CSV files directly in the folder, oldest first, so the newest export ends as the current import. */
export function listExportFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && isExportFile(e.name))
    .map((e) => path.join(dir, e.name))
    .map((f) => ({ f, t: fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => a.t - b.t || a.f.localeCompare(b.f))
    .map((x) => x.f);
}

/** Handles every file that arrived or changed since the last look (`watch --once`, a scheduled `--watch` run). */
export async function scanFolderOnce(ctx: AppContext, dir: string, o: WatchOptions = {}, onResult?: (r: WatchResult) => void): Promise<WatchResult[]> {
  const results: WatchResult[] = [];
  for (const file of listExportFiles(dir)) {
    if (o.signal?.aborted) break;
    const r = await handleExportFile(ctx, file, o);
    if (r) {
      results.push(r);
      onResult?.(r);
    }
  }
  return results;
}

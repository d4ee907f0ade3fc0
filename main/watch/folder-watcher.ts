import { watch } from 'chokidar';
import path from 'node:path';
import type { AppContext } from '../context/app-context.js';
import { toAppError } from '../context/to-app-error.js';
import { checkWatchSetup, handleExportFile, isExportFile, type WatchOptions, type WatchResult } from './watch-service.js';

export type FolderWatcher = {
  /** Resolves once the watcher has read the folder and every file queued so far has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Watches one folder (not its subfolders) for new and changed CSV exports and handles them one at a
 * time, in arrival order. Files already there are handled too (those handled before are skipped by
 * `handleExportFile`), so nothing that arrived while nobody watched is missed.
 */
export function watchFolder(ctx: AppContext, dir: string, o: WatchOptions & { onResult?: (r: WatchResult) => void } = {}): FolderWatcher {
  const controller = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, controller.signal]) : controller.signal;
  const queue: string[] = [];
  const queued = new Set<string>();
  let draining: Promise<void> = Promise.resolve();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));

  const drain = async () => {
    while (queue.length > 0 && !signal.aborted) {
      const file = queue.shift()!;
      queued.delete(file);
      try {
        const r = await handleExportFile(ctx, file, { ...o, signal });
        if (r) o.onResult?.(r);
      } catch (err) {
        ctx.logger.error('watched file not handled', { file, error: toAppError(err, ctx, 'watch').code });
      }
    }
  };
  const enqueue = (file: string) => {
    if (!isExportFile(file) || queued.has(file)) return;
    queued.add(file);
    queue.push(file);
    draining = draining.then(drain);
  };

  const watcher = watch(dir, {
    depth: 0,
    ignoreInitial: false,
    // Network folders and some synced folders send no events: polling is the reliable fallback there.
    usePolling: process.env.BARSY_SYNC_WATCH_POLL === '1',
    ignored: (p, stats) => Boolean(stats?.isFile()) && !isExportFile(p),
  });
  watcher.on('add', (p) => enqueue(path.resolve(p)));
  watcher.on('change', (p) => enqueue(path.resolve(p)));
  watcher.on('error', (err) => ctx.logger.warn('folder watcher error', { dir, error: String(err) }));
  watcher.on('ready', () => ready());

  return {
    async idle() {
      await isReady;
      // A file queued while draining extends the chain; wait until it stops growing.
      for (let seen: Promise<void> | undefined; seen !== draining; ) {
        seen = draining;
        await seen;
      }
    },
    async close() {
      controller.abort();
      await watcher.close();
      await draining.catch(() => undefined);
    },
  };
}

/**
 * The app's watcher: follows the `watch.folder` setting while the engine runs (started, moved or
 * stopped when the setting changes). A folder that is missing or a set-up that is incomplete is logged
 * and retried at the next settings change. Returns the function that stops it.
 */
export function followWatchFolderSetting(ctx: AppContext, o: WatchOptions = {}): () => Promise<void> {
  let current: { folder: string; watcher: FolderWatcher } | undefined;
  let chain = Promise.resolve();
  const apply = () => {
    chain = chain.then(async () => {
      const folder = ctx.settings.get('watch.folder') ?? '';
      if (current && current.folder === folder) return;
      await current?.watcher.close();
      current = undefined;
      if (!folder) return;
      try {
        const dir = checkWatchSetup(ctx, folder);
        current = { folder, watcher: watchFolder(ctx, dir, o) };
        ctx.logger.info('watching the export folder', { dir });
      } catch (err) {
        ctx.logger.warn('export folder not watched', { folder, code: toAppError(err, ctx, 'watch').code });
      }
    });
  };
  const off = ctx.events.on('settings:changed', apply);
  apply();
  return async () => {
    off();
    await chain;
    await current?.watcher.close();
    current = undefined;
  };
}

import type { WireResult } from '../../shared/ipc-contract.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import type { Logger } from '../logging/logger.js';

/**
 * The part of electron-updater's `autoUpdater` this uses (a fake in tests). electron-updater reads the
 * feed electron-builder embedded at packaging (`app-update.yml`: the GitHub releases of this repository),
 * and refuses a download whose SHA-512 differs from `latest*.yml` or, on Windows, whose installer is not
 * signed by the same publisher as the installed app; on macOS Squirrel checks the code signature.
 */
export type UpdaterLike = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  autoRunAppAfterInstall: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  logger: unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
};

export type AutoUpdateOptions = {
  /** electron-updater's `autoUpdater`, loaded only in a packaged app (it needs Electron itself). */
  loadUpdater: () => Promise<UpdaterLike>;
  /** Asks the engine whether a sync is going on (in the app, or a scheduled one in another process). */
  syncRunning: () => Promise<boolean>;
  /** Tells the user an update is ready and will be installed when they quit. */
  notifyReady: (version: string) => void;
  /** Quits without installing (the fallback when the installer does not take over). */
  quit: () => void;
  logger: Logger;
  /** First check after start-up, then every `everyMs`. */
  firstCheckMs?: number;
  everyMs?: number;
  /** How long `quitAndInstall` may take before the app quits anyway. */
  installGraceMs?: number;
};

export type AutoUpdate = {
  /** From the `app.autoUpdate` setting (`settings:changed`); nothing is checked until it is known. */
  setEnabled(enabled: boolean): void;
  /** Checks now (skipped while disabled or during a sync); never throws. */
  check(): Promise<void>;
  /**
   * Before quitting, while the engine still answers: true when a downloaded update should be installed
   * now, i.e. updates are on and no sync is going on.
   */
  shouldInstallOnQuit(): Promise<boolean>;
  /** Hands over to the installer, which quits the app (`shouldInstallOnQuit` said yes). */
  installAndQuit(): void;
  stop(): void;
};

const HOUR = 3_600_000;

/** The updater writes through the app's redacting logger. */
const updaterLogger = (logger: Logger) => ({
  info: (m: unknown) => logger.info(`updater: ${String(m)}`),
  warn: (m: unknown) => logger.warn(`updater: ${String(m)}`),
  error: (m: unknown) => logger.warn(`updater: ${String(m)}`),
  debug: () => undefined,
});

/**
 * Background updates for a packaged app: check a while after start and every few hours, download in
 * the background, install when the user quits — but never while a sync runs (the update waits for the
 * next quit) and not at all when the user turned `app.autoUpdate` off.
 */
export function startAutoUpdate(opts: AutoUpdateOptions): AutoUpdate {
  const { logger } = opts;
  let enabled: boolean | undefined;
  let updater: UpdaterLike | null = null;
  let loading: Promise<UpdaterLike | null> | null = null;
  let downloaded: string | null = null;

  const ensureUpdater = (): Promise<UpdaterLike | null> => {
    loading ??= opts.loadUpdater().then(
      (u) => {
        u.logger = updaterLogger(logger);
        u.autoDownload = true;
        // Installing is ours to decide at quit (never during a sync), on Windows and macOS alike.
        u.autoInstallOnAppQuit = false;
        u.autoRunAppAfterInstall = false;
        u.allowDowngrade = false;
        u.allowPrerelease = false;
        u.on('update-downloaded', (info: { version: string }) => {
          downloaded = info.version;
          logger.info(`update ${info.version} downloaded; it is installed when the app quits`);
          opts.notifyReady(info.version);
        });
        u.on('error', (err: Error) => logger.warn('update check or download failed', { message: err.message }));
        updater = u;
        return u;
      },
      (err: unknown) => {
        logger.warn('the updater could not be loaded; no automatic updates this time', { message: err instanceof Error ? err.message : String(err) });
        return null;
      },
    );
    return loading;
  };

  const syncRunning = async () => {
    try {
      return await opts.syncRunning();
    } catch {
      return true; // cannot tell: assume the worst, and wait
    }
  };

  const check = async (): Promise<void> => {
    if (enabled !== true || (await syncRunning())) return;
    const u = await ensureUpdater();
    if (!u) return;
    try {
      await u.checkForUpdates();
    } catch (err) {
      // Offline, GitHub down, a release without metadata: try again at the next interval.
      logger.warn('update check failed', { message: err instanceof Error ? err.message : String(err) });
    }
  };

  const first = setTimeout(() => void check(), opts.firstCheckMs ?? 60_000);
  const every = setInterval(() => void check(), opts.everyMs ?? 6 * HOUR);
  first.unref?.();
  every.unref?.();

  return {
    setEnabled(next) {
      enabled = next;
      if (updater) updater.autoDownload = next;
      // Loaded (and configured) as soon as updates are on; the first check still waits.
      if (next) void ensureUpdater();
    },
    check,
    async shouldInstallOnQuit() {
      if (!downloaded || !updater || enabled !== true) return false;
      if (await syncRunning()) {
        logger.info(`update ${downloaded} not installed: a sync is going on; it is installed at a later quit`);
        return false;
      }
      return true;
    },
    installAndQuit() {
      if (!updater) return opts.quit();
      logger.info(`installing update ${downloaded ?? ''}`);
      // Silent, without starting the app again; if the installer does not take over, quit anyway.
      setTimeout(opts.quit, opts.installGraceMs ?? 20_000).unref?.();
      updater.quitAndInstall(true, false);
    },
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

/**
 * Asks the engine whether a sync is going on: a run recorded as running, by this app or by a scheduled
 * sync in another process (the run store marks the runs of dead processes as interrupted).
 */
export async function syncIsRunning(dispatch: Dispatch): Promise<boolean> {
  const runs = (await dispatch('runs:list', {})) as WireResult<'runs:list'>;
  if (!runs.ok) throw new Error(runs.error.code);
  return runs.value.some((r) => r.status === 'running');
}

/** `app.autoUpdate` from a settings view (on unless turned off). */
export function autoUpdateOf(view: unknown): boolean {
  return (view as { values?: Record<string, string> } | undefined)?.values?.['app.autoUpdate'] !== 'false';
}

/** electron-updater's `autoUpdater` (CommonJS; it requires Electron, so it loads only in the app). */
export async function loadElectronUpdater(): Promise<UpdaterLike> {
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: UpdaterLike; default?: { autoUpdater: UpdaterLike } };
  const u = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!u) throw new Error('electron-updater has no autoUpdater');
  return u;
}

import path from 'node:path';
import { app, ipcMain, safeStorage, session, type BrowserWindow } from 'electron';
import { toLanguage, type Language } from '../../shared/i18n/translate.js';
import type { EventOf } from '../../shared/ipc-contract.js';
import { PRODUCT_NAME } from '../db/data-dir.js';
import type { Logger } from '../logging/logger.js';
import type { SecretCipher } from '../settings/secret-cipher.js';
import { createEngineClient, type EngineClient, type EnginePort } from './engine-client.js';
import { autoUpdateOf, loadElectronUpdater, startAutoUpdate, syncIsRunning, type UpdaterLike } from './auto-update.js';
import { createFileTokens } from './file-tokens.js';
import { createHandOffServer } from './headless/serve-hand-off.js';
import { createEventForwarder, createSenderCheck, OPEN_FILE_EVENT, registerIpc, registerShellIpc } from './ipc-bridge.js';
import { obtainDataKey } from './keychain-key.js';
import { createAppLog } from './logging.js';
import { installMenu, type MenuActions } from './menu.js';
import { askKeychainRefused, askSavePath, notifySyncFinished, notifyUpdateReady, openFolder, pickCsvFile, pickFolder, showAbout } from './native.js';
import { appDbPath, builtPaths, createAppUrlCheck } from './paths.js';
import { contentSecurityPolicy, guardWebContents, installSessionSecurity } from './security.js';
import { saveFileFromPage } from './save-file.js';
import { languageOfLocale } from './shell-messages.js';
import { utilityPort } from './utility-port.js';
import { createMainWindow } from './window.js';

export type StartOptions = {
  /** Folder of the built main entry (`out/main`); the host, preload and renderer are found from it. */
  mainDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** electron-updater's `autoUpdater` (a fake in tests); loaded only in a packaged app. */
  loadUpdater?: () => Promise<UpdaterLike>;
  /** How the engine host is started; the utility process unless a test forks it with Node. */
  spawnEngine?: (entry: string) => () => EnginePort;
};

export type RunningApp = {
  getWindow(): BrowserWindow | null;
  engine: EngineClient;
  dbPath: string;
  logFile: string;
  language(): Language;
};

/** The UI language a settings view names (Bulgarian unless set to English). */
function languageOf(value: unknown): Language | undefined {
  const v = (value as { values?: Record<string, string> } | undefined)?.values?.['ui.language'];
  return v === undefined ? undefined : toLanguage(v);
}

let strayErrorsCaught = false;
/** Unexpected errors go to the (redacted) log instead of electron's default dialog with a stack trace. */
function catchStrayErrors(logger: Logger): void {
  if (strayErrorsCaught) return;
  strayErrorsCaught = true;
  process.on('uncaughtException', (err) => logger.error('uncaught exception in main', { message: err.message, stack: err.stack }));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection in main', reason instanceof Error ? { message: reason.message } : reason));
}

/**
 * Starts the desktop app: one sandboxed window, the engine in a utility process behind the contract's
 * IPC channels, secrets under the OS keychain, native menus, dialogs and notifications. Returns null
 * when another instance already runs (that one is focused instead) or the user chose to quit when the
 * keychain refused to open the secrets' key.
 */
export async function startApp(opts: StartOptions): Promise<RunningApp | null> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  app.setName(PRODUCT_NAME);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const devServerUrl = !app.isPackaged ? env.ELECTRON_RENDERER_URL : undefined;
  const devTools = !app.isPackaged;
  const userData = app.getPath('userData');
  const dbPath = appDbPath(userData, env);
  const dataDir = path.dirname(dbPath);
  const logDir = path.join(userData, 'logs');
  const log = createAppLog(logDir, { console: !app.isPackaged });
  const { logger } = log;
  catchStrayErrors(logger);

  const paths = builtPaths(opts.mainDir);
  const isAppUrl = createAppUrlCheck({ rendererIndex: paths.rendererIndex, devServerUrl });
  let win: BrowserWindow | null = null;
  let language: Language = 'bg';
  let secretStorage: SecretCipher['kind'] | undefined;
  const getWindow = () => win;
  const focus = () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppUrl));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  installSessionSecurity(session.defaultSession, contentSecurityPolicy({ dev: Boolean(devServerUrl) }));

  const forward = createEventForwarder(getWindow, isAppUrl);
  // The files the page may name: it holds tokens, main holds the paths (file-tokens.ts).
  const files = createFileTokens();
  // A keychain that refuses (a denied prompt, an update signed differently) never costs the secrets:
  // the user is asked to try again, to reset them explicitly, or to quit. Before the engine (and the
  // saved language) is up, the dialog follows the system language.
  const bootLanguage = languageOfLocale(app.getLocale());
  const unsealed = await obtainDataKey(safeStorage, userData, logger, () => askKeychainRefused(bootLanguage));
  if (unsealed === 'quit') {
    app.quit();
    return null;
  }
  const secretKey = unsealed;
  // Updates only for the packaged app (a development build has no update feed); see auto-update.ts.
  const updates = app.isPackaged
    ? startAutoUpdate({
        loadUpdater: opts.loadUpdater ?? loadElectronUpdater,
        syncRunning: () => syncIsRunning(engine.call),
        notifyReady: (version) => notifyUpdateReady(version, language),
        quit: () => app.quit(),
        logger,
      })
    : null;
  const engine = createEngineClient({
    spawn: (opts.spawnEngine ?? utilityPort)(paths.engineHost),
    init: { dbPath, secretKey: secretKey ? secretKey.toString('base64') : null, version: app.getVersion() },
    onEvent: (event, payload) => {
      forward(event, payload);
      if (event === 'sync:finished') notifySyncFinished(payload as EventOf<'sync:finished'>, language, focus);
      if (event === 'settings:changed') {
        setLanguage(languageOf(payload));
        updates?.setEnabled(autoUpdateOf(payload));
      }
    },
    writeLog: log.write,
  });
  // A second start focuses the window; a scheduled `--sync` start hands its job to this instance's engine.
  app.on('second-instance', createHandOffServer({ call: engine.call, userData, logger, onOther: focus }));

  const actions: MenuActions = {
    importCsv: () =>
      void pickCsvFile(win, language).then((file) => {
        if (file && win && !win.isDestroyed()) win.webContents.send(OPEN_FILE_EVENT, { ref: files.issue(file), kind: 'csv' });
      }),
    openDataFolder: () => void openFolder(dataDir),
    openLogsFolder: () => void openFolder(logDir),
    about: () => void showAbout(win, language, { version: app.getVersion(), dataDir, secretStorage }),
  };
  const setLanguage = (next: Language | undefined, force = false) => {
    if (!next || (next === language && !force)) return;
    language = next;
    installMenu(language, actions, { platform, devTools });
  };

  const isTrusted = createSenderCheck(getWindow, isAppUrl);
  registerIpc(ipcMain, {
    files,
    dispatch: engine.call,
    isTrusted,
    logger,
  });
  registerShellIpc(ipcMain, {
    isTrusted,
    logger,
    files,
    pickCsv: () => pickCsvFile(win, language),
    pickFolder: () => pickFolder(win, language),
    saveFile: (request) => saveFileFromPage(request, { ask: (p, kind) => askSavePath(win, language, p, kind), defaultDir: app.getPath('downloads') }),
  });

  const openWindow = () => {
    const created = createMainWindow({
      preload: paths.preload,
      load: devServerUrl ? { url: devServerUrl } : { file: paths.rendererIndex },
      statePath: path.join(userData, 'window-state.json'),
      devTools,
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    win = created;
  };
  setLanguage('bg', true);
  openWindow();
  app.on('activate', () => {
    if (!win) openWindow();
  });

  engine.ready().then(
    (kind) => (secretStorage = kind),
    (err: Error) => logger.error('the engine did not start', { message: err.message }),
  );

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    // Ask about a sync while the engine still answers; then let it finish its transaction and close
    // SQLite before the process goes (and a downloaded update is installed, if no sync was going on).
    void (async () => {
      const install = (await updates?.shouldInstallOnQuit().catch(() => false)) ?? false;
      updates?.stop();
      await engine.shutdown().catch(() => undefined);
      if (install && updates) updates.installAndQuit();
      else app.quit();
    })();
  });

  logger.info(`started ${PRODUCT_NAME} ${app.getVersion()}`, { dbPath, secretStorage: secretKey ? 'os-keychain' : 'fallback-file-key' });
  return { getWindow, engine, dbPath, logFile: log.file, language: () => language };
}

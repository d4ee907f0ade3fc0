import { BrowserWindow, screen } from 'electron';
import { PRODUCT_NAME } from '../db/data-dir.js';
import { loadWindowState, trackWindowState } from './window-state.js';

export type MainWindowOptions = {
  preload: string;
  /** The built `index.html`, or the dev server's URL in development. */
  load: { file: string } | { url: string };
  statePath: string;
  devTools: boolean;
};

/**
 * Creates the one window at its remembered place and size. The renderer is sandboxed, isolated from
 * the preload's world, without Node, with web security on; it reaches main only through the
 * preload's `window.barsy`. (The options stay an inline literal so electronegativity can read them.)
 */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = loadWindowState(
    opts.statePath,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise try to open a link in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  if (maximized) win.maximize();
  trackWindowState(win, opts.statePath);
  win.once('ready-to-show', () => win.show());
  void ('file' in opts.load ? win.loadFile(opts.load.file) : win.loadURL(opts.load.url));
  return win;
}

import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { HOST_ENTRY, REPO } from './fork-port.js';

/*
 * Fakes of the Electron API the shell uses, for `vi.mock('electron', () => import('./helpers/fake-electron.js'))`.
 * They record what the code did; `resetFakes()` clears them between tests. Only the behaviour the
 * shell relies on is modelled (e.g. ipcMain.handle refuses a second handler, as Electron does).
 */

type Handler = (...args: unknown[]) => unknown;

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 1,
    public routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  mainFrame = new FakeFrame('about:blank', 1, this.id * 10);
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  getURL() {
    return this.mainFrame.url;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  shown = false;
  maximized = false;
  destroyed = false;
  focused = 0;
  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file: string) {
    this.loaded = { file };
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    this.emit('ready-to-show');
  }
  async loadURL(url: string) {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused++;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.emit('close');
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` does on the other side: no handler is an error. */
  async invoke(channel: string, event: unknown, ...args: unknown[]) {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn(event, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  name = 'Electron';
  userData = '';
  version = '1.2.3';
  isPackaged = true;
  gotLock = true;
  sandboxed = false;
  quitCalls = 0;
  setName(n: string) {
    this.name = n;
  }
  getName() {
    return this.name;
  }
  enableSandbox() {
    this.sandboxed = true;
  }
  requestSingleInstanceLock() {
    return this.gotLock;
  }
  quit() {
    this.quitCalls++;
  }
  getPath(which: string) {
    if (which === 'downloads') return this.userData;
    if (which !== 'userData') throw new Error(`unexpected getPath(${which})`);
    return this.userData;
  }
  getVersion() {
    return this.version;
  }
  locale = 'bg-BG';
  getLocale() {
    return this.locale;
  }
  whenReady() {
    return Promise.resolve();
  }
}
export const app = new FakeApp();

type HeadersListener = (d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
class FakeSession extends EventEmitter {
  headersListener: HeadersListener | undefined;
  permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
  webRequest = { onHeadersReceived: (l: HeadersListener) => void (this.headersListener = l) };
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h;
  }
}
export const session = { defaultSession: new FakeSession() };

/** Reversible and recognisable: sealed text starts with FAKE-KEYCHAIN and hides the plain text. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  sealed: 0,
  /** How many next unseals the keychain refuses (a denied prompt), as Electron does: by throwing. */
  refuseNext: 0,
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plain: string) {
    this.sealed++;
    return Buffer.concat([Buffer.from('FAKE-KEYCHAIN:'), Buffer.from(plain).map((b) => b ^ 0x5a)]);
  },
  decryptString(sealed: Buffer) {
    if (this.refuseNext > 0) {
      this.refuseNext--;
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    const head = Buffer.from('FAKE-KEYCHAIN:');
    if (!sealed.subarray(0, head.length).equals(head)) throw new Error('not sealed by this keychain');
    return Buffer.from(sealed.subarray(head.length).map((b) => b ^ 0x5a)).toString();
  },
};

export const shell = {
  opened: [] as string[],
  external: [] as string[],
  async openPath(p: string) {
    this.opened.push(p);
    return '';
  },
  async openExternal(u: string) {
    this.external.push(u);
  },
};

export const dialog = {
  nextOpen: { canceled: false, filePaths: ['/tmp/clients.csv'] } as { canceled: boolean; filePaths: string[] },
  opened: [] as unknown[],
  boxes: [] as Array<{ message: string; detail: string; buttons?: string[] }>,
  /** Button indexes the next message boxes answer, in order (then 0). */
  responses: [] as number[],
  /** What the next save dialog answers (a path, or undefined with canceled: true). */
  nextSave: { canceled: true } as { canceled: boolean; filePath?: string },
  saved: [] as Array<{ defaultPath?: string; filters?: unknown }>,
  async showOpenDialog(...args: unknown[]) {
    this.opened.push(args.at(-1));
    return this.nextOpen;
  },
  async showSaveDialog(...args: unknown[]) {
    this.saved.push(args.at(-1) as { defaultPath?: string });
    return this.nextSave;
  },
  async showMessageBox(...args: unknown[]) {
    this.boxes.push(args.at(-1) as { message: string; detail: string; buttons?: string[] });
    return { response: this.responses.shift() ?? 0 };
  },
};

export const Menu = {
  current: undefined as { template: Array<Record<string, unknown>> } | undefined,
  buildFromTemplate(template: Array<Record<string, unknown>>) {
    return { template };
  },
  setApplicationMenu(m: { template: Array<Record<string, unknown>> }) {
    this.current = m;
  },
};

export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  static supported = true;
  static isSupported() {
    return Notification.supported;
  }
  constructor(public options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

/** `utilityProcess.fork` runs the TypeScript engine host with Node's fork (tsx), like the real thing. */
export const utilityProcess = {
  entry: HOST_ENTRY,
  forks: [] as Array<{ requested: string; kill(): void }>,
  fork(requested: string) {
    const child = fork(this.entry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: REPO });
    const handle = {
      requested,
      postMessage: (m: unknown) => void child.send(m as object),
      on: (event: 'message' | 'exit', l: (arg: unknown) => void) => void child.on(event, (arg) => l(arg)),
      once: (event: 'spawn', l: () => void) => void child.once(event, l),
      get pid() {
        return child.pid;
      },
      kill: () => child.kill(),
    };
    this.forks.push(handle);
    return handle;
  },
};

// Renderer side (preload).
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};
class FakeIpcRenderer extends EventEmitter {
  invoked: Array<{ channel: string; args: unknown[] }> = [];
  respond: (channel: string, ...args: unknown[]) => unknown = () => undefined;
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return this.respond(channel, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();
export const webUtils = { getPathForFile: (file: { name?: string }) => `/dropped/${file.name ?? 'file'}` };

/** electron-updater's `autoUpdater` as the shell uses it: records checks and installs; tests emit its events. */
export class FakeUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  autoRunAppAfterInstall = true;
  allowDowngrade = true;
  allowPrerelease = true;
  logger: unknown = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  failNextCheck: Error | null = null;
  async checkForUpdates() {
    this.checks++;
    if (this.failNextCheck) {
      const err = this.failNextCheck;
      this.failNextCheck = null;
      throw err;
    }
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}
export let updater = new FakeUpdater();

/** Clears everything recorded, and puts the configurable behaviour back to its default. */
export function resetFakes(): void {
  for (const f of utilityProcess.forks) f.kill();
  utilityProcess.forks = [];
  utilityProcess.entry = HOST_ENTRY;
  BrowserWindow.created = [];
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  app.removeAllListeners();
  Object.assign(app, { name: 'Electron', userData: '', isPackaged: true, gotLock: true, sandboxed: false, quitCalls: 0, locale: 'bg-BG' });
  session.defaultSession = new FakeSession();
  Object.assign(safeStorage, { available: true, backend: 'gnome_libsecret', sealed: 0, refuseNext: 0 });
  shell.opened = [];
  shell.external = [];
  dialog.nextOpen = { canceled: false, filePaths: ['/tmp/clients.csv'] };
  dialog.opened = [];
  dialog.boxes = [];
  dialog.responses = [];
  dialog.nextSave = { canceled: true };
  dialog.saved = [];
  Menu.current = undefined;
  Notification.shown = [];
  Notification.supported = true;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked = [];
  ipcRenderer.respond = () => undefined;
  updater = new FakeUpdater();
}

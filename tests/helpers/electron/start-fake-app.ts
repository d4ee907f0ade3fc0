import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../main/electron/app-main.js';
import { app, BrowserWindow, FakeFrame, ipcMain, resetFakes, updater } from './fake-electron.js';

export type FakeApp = { running: RunningApp; win: BrowserWindow; userData: string; mainDir: string };
const started: FakeApp[] = [];

/** Starts the real shell against the Electron fakes (engine host forked with Node), in a fresh userData. */
export async function startFakeApp(env: NodeJS.ProcessEnv = {}): Promise<FakeApp> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-shell-'));
  app.userData = userData;
  const mainDir = path.join(userData, 'app', 'out', 'main');
  const running = await startApp({ mainDir, env, platform: 'win32', loadUpdater: async () => updater });
  if (!running) throw new Error('startApp returned null');
  const win = BrowserWindow.created[0];
  if (!win) throw new Error('no window');
  const fake = { running, win, userData, mainDir };
  started.push(fake);
  return fake;
}

/** Shuts the engines down, removes the folders, resets the fakes. */
export async function stopFakeApps(): Promise<void> {
  for (const f of started.splice(0)) {
    await f.running.engine.shutdown(2000);
    fs.rmSync(f.userData, { recursive: true, force: true });
  }
  resetFakes();
}

/** The IPC event Electron would give a call from the window's own page. */
export function trustedEvent(win: BrowserWindow) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

/** Calls a contract channel the way the preload does, from the window's own page. */
export function callFromWindow(win: BrowserWindow, channel: string, request: unknown) {
  return ipcMain.invoke(`ipc:${channel}`, trustedEvent(win), request) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
}

/** A sub-frame of the window, on the given URL. */
export function subFrame(win: BrowserWindow, url: string): FakeFrame {
  const f = new FakeFrame(url, win.webContents.mainFrame.processId, win.webContents.mainFrame.routingId + 1);
  f.parent = win.webContents.mainFrame;
  return f;
}

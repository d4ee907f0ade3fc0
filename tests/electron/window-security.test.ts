import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppUrlCheck } from '../../main/electron/paths.js';
import { contentSecurityPolicy, guardWebContents, installSessionSecurity, isAllowedExternalUrl } from '../../main/electron/security.js';
import { createMainWindow } from '../../main/electron/window.js';
import { loadWindowState, saveWindowState, trackWindowState, DEFAULT_WINDOW_STATE } from '../../main/electron/window-state.js';
import { BrowserWindow, FakeWebContents, resetFakes, session, shell } from '../helpers/electron/fake-electron.js';

vi.mock('electron', () => import('../helpers/electron/fake-electron.js'));

const INDEX = path.join(os.tmpdir(), 'app', 'out', 'renderer', 'index.html');
const isAppUrl = createAppUrlCheck({ rendererIndex: INDEX });
afterEach(resetFakes);

describe('window options', () => {
  it('sandboxes the renderer, isolates the preload, keeps Node out and web security on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-win-'));
    try {
      const win = createMainWindow({ preload: '/app/out/preload/index.cjs', load: { file: INDEX }, statePath: path.join(dir, 'w.json'), devTools: false });
      expect(win).toBe(BrowserWindow.created[0]);
      const prefs = BrowserWindow.created[0]?.options.webPreferences as Record<string, unknown>;
      expect(prefs.preload).toBe('/app/out/preload/index.cjs');
      // Must be on: isolation of the preload's world, the OS sandbox, same-origin policy.
      expect([prefs.contextIsolation, prefs.sandbox, prefs.webSecurity]).toEqual([true, true, true]);
      // Must be off: Node in the page, its workers and frames; <webview>; mixed content; devtools when packaged.
      const off = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent', 'experimentalFeatures', 'devTools'];
      expect(off.map((k) => [k, prefs[k]])).toEqual(off.map((k) => [k, false]));
      expect(BrowserWindow.created[0]?.options).toMatchObject({ width: 1200, height: 800, show: false });
      expect(BrowserWindow.created[0]?.shown).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict production policy', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy()).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('is set on every response, replacing any policy the response brought', () => {
    installSessionSecurity(session.defaultSession as never, contentSecurityPolicy());
    let out: Record<string, string[]> = {};
    session.defaultSession.headersListener?.(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } },
      (r) => (out = r.responseHeaders),
    );
    expect(out).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy()] });
  });

  it('denies permission requests except notifications, and refuses downloads', () => {
    installSessionSecurity(session.defaultSession as never, contentSecurityPolicy());
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'notifications']) {
      session.defaultSession.permissionRequest?.({}, p, (ok) => (answers[p] = ok));
    }
    expect(answers).toEqual({ media: false, geolocation: false, 'clipboard-read': false, openExternal: false, notifications: true });
    expect(session.defaultSession.permissionCheck?.({}, 'media')).toBe(false);
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    session.defaultSession.emit('will-download', event);
    expect(event.prevented).toBe(true);
  });
});

describe('navigation and new windows', () => {
  const nav = (contents: FakeWebContents, kind: string, url: string) => {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.emit(kind, event, url);
    return event.prevented;
  };

  it('blocks navigation away from the app page; allowed https links open in the browser instead', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never, isAppUrl);
    expect(nav(contents, 'will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(nav(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav(contents, 'will-redirect', 'http://mailchimp.com/')).toBe(true);
    expect(shell.external).toEqual([]);
    expect(nav(contents, 'will-navigate', 'https://us6.admin.mailchimp.com/lists/')).toBe(true);
    expect(shell.external).toEqual(['https://us6.admin.mailchimp.com/lists/']);
    expect(nav(contents, 'will-navigate', `${pathToFileURL(INDEX).href}#/settings`)).toBe(false);
    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies window.open always, opening only allow-listed links externally', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never, isAppUrl);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://mailchimp.com/help/' })).toEqual({ action: 'deny' });
    expect(shell.external).toEqual(['https://mailchimp.com/help/']);
  });

  it('allows only https on the listed hosts and their subdomains', () => {
    expect(isAllowedExternalUrl('https://mailchimp.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://login.mailchimp.com/x')).toBe(true);
    expect(isAllowedExternalUrl('https://barsy.bg/')).toBe(true);
    for (const bad of ['http://mailchimp.com/', 'https://evilmailchimp.com/', 'https://mailchimp.com.evil.example/', 'https://user:pw@mailchimp.com/', 'javascript:alert(1)', 'file:///c:/x', 'not a url']) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });

  it('recognises only the built index.html or the dev server as the app page', () => {
    expect(isAppUrl(pathToFileURL(INDEX).href)).toBe(true);
    expect(isAppUrl(`${pathToFileURL(INDEX).href}?x=1#/a`)).toBe(true);
    expect(isAppUrl(pathToFileURL(path.join(path.dirname(INDEX), 'other.html')).href)).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    const dev = createAppUrlCheck({ rendererIndex: INDEX, devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/#/x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('window size and position', () => {
  let dir = '';
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
  const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('is remembered across runs', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-ws-'));
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowState(file, screens)).toEqual(DEFAULT_WINDOW_STATE);
    const win = new BrowserWindow({});
    win.maximized = true;
    trackWindowState(win, file);
    win.close();
    expect(loadWindowState(file, screens)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('forgets a position that is off every screen, and ignores a damaged file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-ws-'));
    const file = path.join(dir, 'window-state.json');
    saveWindowState(file, { x: 5000, y: 3000, width: 900, height: 650, maximized: false });
    expect(loadWindowState(file, screens)).toEqual({ width: 900, height: 650, maximized: false });
    fs.writeFileSync(file, '{"width": "huge"');
    expect(loadWindowState(file, screens)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

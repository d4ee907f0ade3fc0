import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDbPath } from '../db/data-dir.js';

export const DB_FILE_NAME = 'barsy-sync.sqlite';

/**
 * The database the app opens: `BARSY_SYNC_DB` wins (as for the CLI), else `barsy-sync.sqlite` in
 * Electron's userData folder — the folder `main/db/data-dir.ts` computes, so app and CLI share one file.
 */
export function appDbPath(userData: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.BARSY_SYNC_DB ? resolveDbPath(undefined, env) : path.join(userData, DB_FILE_NAME);
}

/** Where the built app's pieces are, relative to the folder of the built main entry (`out/main`). */
export function builtPaths(mainDir: string) {
  return {
    engineHost: path.join(mainDir, 'engine-host.js'),
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: path.join(mainDir, '..', 'renderer', 'index.html'),
  };
}

/**
 * True for the one page this app shows: its built `index.html` (any hash or query), or the
 * electron-vite dev server in development. Everything else — other files, other sites — is foreign.
 */
export function createAppUrlCheck(opts: { rendererIndex: string; devServerUrl?: string | undefined }): (url: string) => boolean {
  const indexPath = pathToFileURL(opts.rendererIndex).pathname;
  const devOrigin = opts.devServerUrl ? new URL(opts.devServerUrl).origin : undefined;
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (u.protocol === 'file:') return u.host === '' && u.pathname === indexPath;
    return devOrigin !== undefined && u.origin === devOrigin;
  };
}

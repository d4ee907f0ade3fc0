import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Barsy Mailchimp Sync';

/**
 * The per-user app-data folder Electron's `app.getPath('userData')` returns for our product name,
 * computed without Electron so the CLI and the app share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

/** Database path: `--db PATH` wins, then `BARSY_SYNC_DB`, then the app-data folder. */
export function resolveDbPath(cliDb: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (cliDb) return path.resolve(cliDb);
  if (env.BARSY_SYNC_DB) return path.resolve(env.BARSY_SYNC_DB);
  return path.join(defaultDataDir(env), 'barsy-sync.sqlite');
}

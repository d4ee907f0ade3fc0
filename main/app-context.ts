import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from './db/open-database.js';
import { createEventBus, type EventBus } from './ipc/event-bus.js';
import { createConsoleLogger, type Logger } from './logging/logger.js';
import { createFileKeyCipher, type SecretCipher } from './settings/secret-cipher.js';
import { createSettingsStore, type SettingsStore } from './settings/settings-store.js';

/**
 * Everything a handler needs, built once per process (app, CLI, test bridge, test). Plain Node: the
 * Electron shell passes its own cipher and logger in, nothing here imports `electron`.
 */
export type AppContext = {
  db: Db;
  dbPath: string;
  dataDir: string;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  version: string;
  secretStorage: SecretCipher['kind'];
  /** Resources a domain keeps for the process's life (demo simulator, running sync), closed by `close`. */
  disposers: Array<() => Promise<void> | void>;
  close(): Promise<void>;
};

export type AppContextOptions = {
  dbPath: string;
  cipher?: SecretCipher;
  logger?: Logger;
};

/** Reads the package version once; the CLI and `app:info` show it. */
function readVersion(): string {
  // Sources sit one level below package.json; bundles (out/cli, out/main/chunks) two or three.
  for (const rel of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'barsy-mailchimp-sync' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

/** Opens the database and builds the context shared by every handler. */
export function createAppContext(opts: AppContextOptions): AppContext {
  const dataDir = opts.dbPath === ':memory:' ? process.cwd() : path.dirname(opts.dbPath);
  const db = openDatabase(opts.dbPath);
  // The file key is read or created only on first use, so the app (keychain cipher) touches it only to
  // seal the copies kept when the user allows scheduled syncs.
  const fileKeyCipher = createFileKeyCipher(dataDir);
  const cipher = opts.cipher ?? fileKeyCipher;
  const disposers: AppContext['disposers'] = [];
  const ctx: AppContext = {
    db,
    dbPath: opts.dbPath,
    dataDir,
    settings: createSettingsStore(db, cipher, fileKeyCipher),
    events: createEventBus(),
    logger: opts.logger ?? createConsoleLogger({ quiet: true }),
    version: readVersion(),
    secretStorage: cipher.kind,
    disposers,
    async close() {
      for (const d of disposers.splice(0).reverse()) await d();
      if (db.open) db.close();
    },
  };
  return ctx;
}

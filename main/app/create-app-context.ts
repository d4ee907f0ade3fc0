import path from 'node:path';
import type { AppContext, AppContextOptions } from '../context/app-context.js';
import { createEventBus } from '../context/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { createConsoleLogger } from '../logging/logger.js';
import { recoverStaleRuns } from '../runs/run-store.js';
import { createFileKeyCipher } from '../settings/secret-cipher.js';
import { createSettingsStore } from '../settings/settings-store.js';
import { packageVersion } from './package-version.js';

/** Opens the database and builds the context shared by every handler. */
export function createAppContext(opts: AppContextOptions): AppContext {
  const dataDir = opts.dbPath === ':memory:' ? process.cwd() : path.dirname(opts.dbPath);
  const logger = opts.logger ?? createConsoleLogger({ quiet: true });
  const db = openDatabase(opts.dbPath, undefined, { logger });
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
    logger,
    version: packageVersion(),
    secretStorage: cipher.kind,
    disposers,
    // Loaded on first use: the report renderer and nodemailer cost a short CLI command (`runs`) ~10 ms at start.
    hooks: { afterRun: async (...args) => (await import('../report/after-run.js')).afterRun(...args) },
    async close() {
      for (const d of disposers.splice(0).reverse()) await d();
      if (db.open) db.close();
    },
  };
  // Runs left 'running' by a process that is gone are settled once, when this process starts its engine.
  recoverStaleRuns(db, new Set());
  return ctx;
}

import type { Db } from '../db/open-database.js';
import type { EventBus } from './event-bus.js';
import type { Logger } from '../logging/logger.js';
import type { SecretCipher } from '../settings/secret-cipher.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { RunSummary } from '../../shared/domain/sync.js';

/**
 * The type of the context every handler and domain receives, built once per process by
 * `createAppContext` (main/app/) (app, CLI, test bridge, test). Plain Node: the
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
  /**
   * What higher layers plug into lower ones, set by the composition root (`main/app/`): the sync engine
   * calls `afterRun` when a run settles, and `main/report/` answers it with the report email. This keeps
   * imports one way (sync never imports report) while the CLI can still await the email before it exits.
   */
  hooks: AppHooks;
  close(): Promise<void>;
};

/** Hooks a lower layer calls and a higher one provides; each is optional so a bare context still works. */
export type AppHooks = {
  afterRun?: (ctx: AppContext, summary: RunSummary, opts: { demo: boolean }) => Promise<void>;
};

export type AppContextOptions = {
  dbPath: string;
  cipher?: SecretCipher;
  logger?: Logger;
};

import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';

/** How one sync runs: what the app, the CLI, tests and the benchmark may choose. */
export type SyncOptions = {
  dryRun: boolean;
  /** Resume this interrupted/cancelled run; without it, the latest one of the audience is resumed if there is one. */
  resumeRunId?: number;
  /** Demo mode: no report email is needed or sent (default: whether the settings point at the demo simulator). */
  demo?: boolean;
  /** Read every member, not only those changed since the last run. */
  fullRead?: boolean;
  /** A client to use instead of the one from the settings (tests, benchmark). */
  api?: MailchimpApi;
  /** Requests in flight at most (default: setting `sync.maxConnections`, 5), members per batch (500), tries per member (3). */
  concurrency?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Started by the schedule or the watched folder, not by a person (Home shows it; its report says plainly when it failed). */
  automatic?: boolean;
  /** Test seam: runs after planning, just before the first write. */
  beforePush?: () => Promise<void>;
};

import type { AddressInfo } from 'node:net';
import { FaultPlan, parseFaultSpec } from './faults.js';
import { DEFAULT_FAKE_DOMAINS } from './email-rules.js';
import type { TextOverflow } from './merge-values.js';
import type { Route, RuntimeConfig } from './router.js';
import { accountRoutes } from './routes-account.js';
import { batchRoute } from './routes-batch.js';
import { memberRoutes } from './routes-members.js';
import { structureRoutes } from './routes-structure.js';
import { createState } from './seed-demo.js';
import { createSimServer } from './server.js';
import { loadState, saveState } from './state-file.js';
import { StatsCollector, type SimulatorStats } from './stats.js';

export { parseFaultSpec } from './faults.js';
export { DEFAULT_FAKE_DOMAINS } from './email-rules.js';
export { clipUtf8, TEXT_MAX_BYTES } from './merge-values.js';
export type { SimulatorStats } from './stats.js';

/** Options of `startSimulator`; every field is optional. */
export type SimulatorOptions = {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Delay added to every API request, ms (default 0). */
  latencyMs?: number;
  /** Extra delay per member in batch subscribe, ms (default 0). */
  perMemberMs?: number;
  /** JSON state file: loaded at start when it exists, written by `close()` and `save()`. */
  stateFile?: string;
  /** Fault spec, e.g. `"PUT /lists/*\/members/*:500:0.05,*:reset:0.02"` (grammar in README.md). */
  faults?: string;
  /** Seed for ids, the API key and fault decisions (default 1). */
  seed?: number;
  /** Domains (or `.tld` suffixes) refused as fake-looking; default `DEFAULT_FAKE_DOMAINS`. */
  fakeDomains?: string[];
  /** Text merge values over 255 UTF-8 bytes: `clip` (default, as Mailchimp documents) or `reject`. */
  textOverflow?: TextOverflow;
  /** Simultaneous requests allowed per API key before 429 (default 10). */
  maxConnections?: number;
  /** Seed the demo shop audience (default true); false gives an empty audience with default fields. */
  seedDemo?: boolean;
  /** Merge fields allowed per audience (default 30). */
  maxMergeFields?: number;
};

export type SimulatorHandle = {
  /** e.g. `http://127.0.0.1:4010/3.0` */
  baseUrl: string;
  /** `<32 hex>-us1` */
  apiKey: string;
  /** The seeded audience. */
  listId: string;
  port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Replaces the fault rules (throws on a bad spec) and restarts their per-route counters. */
  setFaults(spec: string): void;
  /** Writes the state to `file` or to `stateFile`. */
  save(file?: string): Promise<void>;
  /** Stops listening, drops open connections and saves to `stateFile` when set. Safe to call twice. */
  close(): Promise<void>;
};

const ROUTES: Route[] = [...accountRoutes, batchRoute, ...structureRoutes, ...memberRoutes];

/** Starts a stateful Mailchimp Marketing API v3 simulator on 127.0.0.1. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seed = opts.seed ?? 1;
  const state = (opts.stateFile ? await loadState(opts.stateFile) : null) ?? createState(seed, opts.seedDemo ?? true);
  const config: RuntimeConfig = {
    fakeDomains: opts.fakeDomains ?? DEFAULT_FAKE_DOMAINS,
    textOverflow: opts.textOverflow ?? 'clip',
    perMemberMs: opts.perMemberMs ?? 0,
    maxMergeFields: opts.maxMergeFields ?? 30,
    maxInterests: 60,
  };
  const faults = new FaultPlan(parseFaultSpec(opts.faults ?? ''), seed);
  const stats = new StatsCollector();
  const abort = new AbortController();
  let port = 0;
  const baseUrl = () => `http://127.0.0.1:${port}/3.0`;
  const server = createSimServer({
    state,
    config,
    routes: ROUTES,
    faults,
    stats,
    latencyMs: opts.latencyMs ?? 0,
    maxConnections: opts.maxConnections ?? 10,
    signal: abort.signal,
    base: baseUrl,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  // Saves run one after another, so an older snapshot can never overwrite a newer one.
  let saving: Promise<void> = Promise.resolve();
  const save = (file?: string): Promise<void> => {
    const target = file ?? opts.stateFile;
    if (!target) return Promise.reject(new Error('no state file: pass one to save() or set stateFile'));
    saving = saving.catch(() => undefined).then(() => saveState(state, target));
    return saving;
  };
  return {
    baseUrl: baseUrl(),
    apiKey: state.apiKey,
    listId: [...state.lists.keys()][0] ?? '',
    port,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (spec) => faults.reset(parseFaultSpec(spec)),
    save,
    close: () => {
      closing ??= (async () => {
        abort.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        if (opts.stateFile) await save();
      })();
      return closing;
    },
  };
}

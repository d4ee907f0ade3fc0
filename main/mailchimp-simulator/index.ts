import type { AddressInfo } from 'node:net';
import { BatchStore } from './batch-ops.js';
import { FaultPlan, parseFaultSpec } from './faults.js';
import { enableMarketingPermissions } from './gdpr.js';
import { localizeRoutes } from './locale.js';
import { startNeighbour, type NeighbourOptions } from './neighbour.js';
import { DEFAULT_FAKE_DOMAINS } from './email-rules.js';
import type { TextOverflow } from './merge-values.js';
import type { Route, RuntimeConfig } from './router.js';
import { accountRoutes } from './routes-account.js';
import { batchRoute } from './routes-batch.js';
import { batchOperationRoutes } from './routes-batches.js';
import { memberRoutes } from './routes-members.js';
import { structureRoutes } from './routes-structure.js';
import { createState } from './seed-demo.js';
import { createSimServer } from './server.js';
import { loadState, saveState } from './state-file.js';
import { StatsCollector, type SimulatorStats } from './stats.js';
import { switchConfig, type SimLocale, type SwitchOptions } from './switches.js';

export { parseFaultSpec } from './faults.js';
export { randomApiKey } from './request-guard.js';
export { DEFAULT_FAKE_DOMAINS } from './email-rules.js';
export { clipUtf8, TEXT_MAX_BYTES } from './merge-values.js';
export type { SimulatorStats } from './stats.js';
export { SIM_LOCALES, type SimLocale } from './switches.js';

/** Options of `startSimulator`; every field is optional. */
export type SimulatorOptions = SwitchOptions & {
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
  /** Serve this API key instead of the seeded (or saved) one, e.g. `randomApiKey()` for the app's demo. */
  apiKey?: string;
  /** Another integration of the account holding this many of its connections (or with its timing). */
  neighbour?: number | NeighbourOptions;
  /** The audiences have marketing permissions (GDPR fields). */
  gdpr?: boolean;
  /** How long a `POST /batches` stays pending before it runs, ms (default 200). */
  batchDelayMs?: number;
  /** Language of error texts: `en` (default) or `de`. */
  locale?: SimLocale;
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

const API_ROUTES: Route[] = [...accountRoutes, batchRoute, ...structureRoutes, ...memberRoutes];

/** Starts a stateful Mailchimp Marketing API v3 simulator on 127.0.0.1. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seed = opts.seed ?? 1;
  const state = (opts.stateFile ? await loadState(opts.stateFile) : null) ?? createState(seed, opts.seedDemo ?? true);
  if (opts.apiKey) state.apiKey = opts.apiKey;
  const config: RuntimeConfig = {
    fakeDomains: opts.fakeDomains ?? DEFAULT_FAKE_DOMAINS,
    textOverflow: opts.textOverflow ?? 'clip',
    perMemberMs: opts.perMemberMs ?? 0,
    maxMergeFields: opts.maxMergeFields ?? 30,
    maxInterests: 60,
    ...switchConfig(opts),
  };
  if (opts.gdpr) enableMarketingPermissions(state);
  const faults = new FaultPlan(parseFaultSpec(opts.faults ?? ''), seed);
  const stats = new StatsCollector();
  const abort = new AbortController();
  let port = 0;
  const baseUrl = () => `http://127.0.0.1:${port}/3.0`;
  const maxConnections = opts.maxConnections ?? 10;
  const apiRoutes = localizeRoutes(API_ROUTES, config.locale);
  const batches = new BatchStore({ state, config, routes: () => apiRoutes, faults, stats, signal: abort.signal, delayMs: opts.batchDelayMs ?? 200, base: baseUrl });
  const routes = [...apiRoutes, ...batchOperationRoutes(batches)];
  const server = createSimServer({
    state,
    config,
    routes,
    faults,
    stats,
    latencyMs: opts.latencyMs ?? 0,
    maxConnections,
    signal: abort.signal,
    base: baseUrl,
    port: () => port,
    batchArchive: (token) => batches.archive(token),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const neighbour = typeof opts.neighbour === 'number' ? { connections: opts.neighbour } : opts.neighbour;
  if (neighbour && neighbour.connections > 0) startNeighbour(neighbour, () => maxConnections, stats, abort.signal);
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

import { randomBytes, randomUUID } from 'node:crypto';
import { buildArchive, BATCH_RESULTS_PATH, type OperationResult } from './batch-archive.js';
import { faultError, type FaultPlan } from './faults.js';
import { isoSeconds, nextId } from './ids.js';
import { localizeError } from './locale.js';
import { notFound, problemBody, SimError } from './problem.js';
import { filterFields } from './query.js';
import { matchRoute, segments, type Route, type RuntimeConfig } from './router.js';
import type { StatsCollector } from './stats.js';
import type { SimState } from './types.js';

/**
 * Mailchimp's Batch Operations (`POST /batches`): operations run asynchronously, one after another, as
 * if each were its own request (same routes, rules and address-targeted faults, no connection limit);
 * the batch moves pending → started → finalizing → finished, and the results go into a tar.gz archive.
 */
export type BatchOperation = { method: string; path: string; params?: Record<string, unknown>; body?: string; operation_id?: string };

export type BatchStatus = 'pending' | 'started' | 'finalizing' | 'finished';

export type SimBatch = {
  id: string;
  status: BatchStatus;
  total: number;
  finished: number;
  errored: number;
  submittedAt: number;
  completedAt?: number;
  /** Random part of the archive's URL, once finished. */
  token?: string;
};

export type BatchDeps = {
  state: SimState;
  config: RuntimeConfig;
  routes: () => readonly Route[];
  faults: FaultPlan;
  stats: StatsCollector;
  signal: AbortSignal;
  /** How long a batch stays pending before it runs. */
  delayMs: number;
  /** API base for `_links` and the archive URL, e.g. `http://127.0.0.1:4010/3.0`. */
  base: () => string;
};

/** Mailchimp refuses more than 500 pending batches per user. */
const MAX_PENDING = 500;
/** Operations run between two yields to the event loop, so polls are answered while a big batch runs. */
const OPS_PER_TICK = 25;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Batches of this simulator and their archives (in memory: Mailchimp keeps them for 7 days). */
export class BatchStore {
  private readonly batches = new Map<string, SimBatch>();
  private readonly archives = new Map<string, Buffer>();

  constructor(private readonly deps: BatchDeps) {}

  /** Accepts a batch; it starts after `delayMs`. */
  submit(operations: BatchOperation[], now: number): SimBatch {
    let pending = 0;
    for (const b of this.batches.values()) if (b.status !== 'finished') pending += 1;
    if (pending >= MAX_PENDING) throw new SimError(429, 'Too Many Requests', `You have more than ${MAX_PENDING} pending batches.`);
    const batch: SimBatch = { id: nextId(this.deps.state, 'batch'), status: 'pending', total: operations.length, finished: 0, errored: 0, submittedAt: now };
    this.batches.set(batch.id, batch);
    this.deps.stats.batchSubmitted();
    const timer = setTimeout(() => {
      this.run(batch, operations).catch((err: unknown) => {
        // A failure here is a simulator bug: say so, and leave the batch unfinished as a real outage would.
        process.stderr.write(`mailchimp-simulator: batch ${batch.id}: ${String((err as Error)?.stack ?? err)}\n`);
      });
    }, this.deps.delayMs);
    timer.unref();
    return batch;
  }

  get(id: string): SimBatch {
    const batch = this.batches.get(id);
    if (!batch) throw notFound();
    return batch;
  }

  list(): SimBatch[] {
    return [...this.batches.values()];
  }

  /** `DELETE /batches/{id}`: stops it; its results will not be available. */
  remove(id: string): void {
    const batch = this.get(id);
    this.batches.delete(id);
    if (batch.token) this.archives.delete(batch.token);
  }

  /** The archive for a URL token, if any. */
  archive(token: string): Buffer | undefined {
    return this.archives.get(token);
  }

  /** The Batch object as the API returns it. */
  render(b: SimBatch): Record<string, unknown> {
    const base = this.deps.base();
    const origin = base.replace(/\/3\.0$/, '');
    return {
      id: b.id,
      status: b.status,
      total_operations: b.total,
      finished_operations: b.finished,
      errored_operations: b.errored,
      submitted_at: isoSeconds(b.submittedAt),
      completed_at: b.completedAt === undefined ? '' : isoSeconds(b.completedAt),
      response_body_url: b.token ? `${origin}${BATCH_RESULTS_PATH}${b.token}.tar.gz` : '',
      _links: [
        { rel: 'parent', href: `${base}/batches`, method: 'GET', targetSchema: 'https://us1.api.mailchimp.com/schema/3.0/Definitions/Batches/CollectionResponse.json' },
        { rel: 'self', href: `${base}/batches/${b.id}`, method: 'GET', targetSchema: 'https://us1.api.mailchimp.com/schema/3.0/Definitions/Batches/Response.json' },
        { rel: 'delete', href: `${base}/batches/${b.id}`, method: 'DELETE' },
      ],
    };
  }

  private async run(batch: SimBatch, operations: BatchOperation[]): Promise<void> {
    if (this.deps.signal.aborted || !this.batches.has(batch.id)) return;
    batch.status = 'started';
    const results: OperationResult[] = [];
    for (const [i, op] of operations.entries()) {
      if (i > 0 && i % OPS_PER_TICK === 0) await tick();
      if (this.deps.signal.aborted || !this.batches.has(batch.id)) return;
      const result = await this.operation(op);
      results.push(result);
      batch.finished += 1;
      if (result.status_code >= 400) batch.errored += 1;
    }
    batch.status = 'finalizing';
    const archive = await buildArchive(batch.id, results);
    if (!this.batches.has(batch.id)) return;
    batch.token = randomBytes(16).toString('hex');
    this.archives.set(batch.token, archive);
    batch.completedAt = Date.now();
    batch.status = 'finished';
    this.deps.stats.batchFinished();
  }

  /** One operation, answered as its own request would be. */
  private async operation(op: BatchOperation): Promise<OperationResult> {
    const operationId = op.operation_id ?? null;
    const answer = (status: number, body: unknown): OperationResult => ({ status_code: status, operation_id: operationId, response: body === undefined ? '' : JSON.stringify(body) });
    const problem = (err: SimError) => answer(err.status, problemBody(localizeError(this.deps.config.locale, err), randomUUID()));
    const path = op.path.replace(/^\/3\.0(?=\/|$)/, '') || '/';
    const query = new URLSearchParams(Object.entries(op.params ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
    try {
      const body = parseOperationBody(op.body);
      const fault = this.deps.faults.decide(op.method, segments(path), body);
      const faulted = fault ? faultError(fault, 10) : null;
      if (faulted) return problem(faulted);
      const match = matchRoute(this.deps.routes(), op.method, path);
      if (!match || 'allow' in match) throw match ? new SimError(405, 'Method Not Allowed', 'The requested method and resource are not compatible.') : notFound();
      const ctx = { state: this.deps.state, config: this.deps.config, params: match.params, query, body, base: this.deps.base(), now: Date.now() };
      const result = await match.route.handle(ctx);
      return answer(result.status, result.body === undefined ? undefined : filterFields(result.body, query));
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      return problem(err);
    }
  }
}

function parseOperationBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    throw new SimError(400, 'JSON Parse Error', 'We encountered an unspecified JSON parsing error.');
  }
}

/**
 * Mailchimp's Batch Operations (`POST /batches`, batches.yml): the only way to write many members WITH
 * fields batch subscribe lacks (marketing permissions) in one request. The batch runs on Mailchimp's side;
 * we poll `GET /batches/{id}` with a growing interval until `finished` (bounded in time), then read the
 * results archive (`batch-results.ts`).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { downloadBatchResults, type BatchOperationResult } from './batch-results.js';
import { MailchimpError } from './mailchimp-error.js';
import { backoffDelayMs, isRetryableKind, type RetryPolicy } from './retry-policy.js';
import type { MemberUpsertBody } from './schemas.js';
import type { Transport } from './sdk-transport.js';

/** One operation of a batch (batches.yml `Operations`): `body` is a JSON string, as Mailchimp wants it. */
export type BatchOperation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative path, e.g. `/lists/abc/members/<hash>`. */
  path: string;
  params?: Record<string, string | number | boolean>;
  body?: string;
  /** Our key for the row; comes back with its result. */
  operation_id?: string;
};

/** The Batch object (batches.yml `Batch`). `status` is kept as a string so a new state does not break parsing. */
export const batchStatusSchema = z.object({
  id: z.string(),
  status: z.string(),
  total_operations: z.number().int().optional().default(0),
  finished_operations: z.number().int().optional().default(0),
  errored_operations: z.number().int().optional().default(0),
  submitted_at: z.string().optional().default(''),
  completed_at: z.string().optional().default(''),
  response_body_url: z.string().optional().default(''),
});
export type BatchStatus = z.infer<typeof batchStatusSchema>;

export type WaitForBatchOptions = {
  /** First wait between polls, ms (default 1000); it doubles up to `maxPollMs`. */
  pollMs?: number;
  /** Longest wait between polls, ms (default 15000). */
  maxPollMs?: number;
  /** Give up after this long, ms (default 30 min): a `server` error; the batch may still finish later. */
  maxWaitMs?: number;
  /** Aborts the wait (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Called with every polled status (progress). */
  onProgress?: (status: BatchStatus) => void;
};

/** One member PUT of `batchUpsertMembers`. */
export type BatchUpsertRow = { operationId: string; hash: string; body: MemberUpsertBody };

export type BatchUpsertOptions = WaitForBatchOptions & { skipMergeValidation?: boolean };

/** What a finished batch gave: one result per operation found in the archive. */
export type BatchRunResult = { batchId: string; status: BatchStatus; results: BatchOperationResult[] };

/** The batch methods of `MailchimpApi`. */
export type BatchMethods = {
  startBatch(operations: BatchOperation[]): Promise<BatchStatus>;
  getBatch(batchId: string): Promise<BatchStatus>;
  waitForBatch(batchId: string, opts?: WaitForBatchOptions): Promise<BatchStatus>;
  readBatchResults(responseBodyUrl: string): Promise<BatchOperationResult[]>;
  batchUpsertMembers(listId: string, rows: BatchUpsertRow[], opts?: BatchUpsertOptions): Promise<BatchRunResult>;
};

export type BatchDeps = {
  t: Transport;
  retry: RetryPolicy;
  /** Timeout of one archive download, ms. */
  downloadTimeoutMs: number;
  random?: () => number;
  /** Test hook; the default is an abortable timer. */
  sleep?: (ms: number) => Promise<void>;
};

/** Builds the batch methods on a transport. */
export function batchMethods(d: BatchDeps): BatchMethods {
  // An aborted wait rejects with the signal's reason (Node's timer would give a generic AbortError).
  const wait = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (d.sleep) return d.sleep(ms);
    await delay(ms, undefined, signal ? { signal } : {}).catch((err: unknown) => {
      throw signal?.aborted ? signal.reason : err;
    });
  };

  const getBatch = async (batchId: string) => {
    const op = 'GET /batches/{batch_id}';
    return d.t.parse(batchStatusSchema, (await d.t.send(op, (sdk) => sdk.batches.status(batchId))).data, op);
  };

  // https://mailchimp.com/developer/marketing/api/batch-operations/get-batch-operation-status/
  const waitForBatch = async (batchId: string, o: WaitForBatchOptions = {}): Promise<BatchStatus> => {
    const maxWaitMs = o.maxWaitMs ?? 30 * 60_000;
    const started = Date.now();
    let pause = Math.max(1, o.pollMs ?? 1000);
    for (;;) {
      o.signal?.throwIfAborted();
      const status = await getBatch(batchId);
      o.onProgress?.(status);
      if (status.status === 'finished') return status;
      if (Date.now() - started + pause > maxWaitMs) {
        const detail = `Mailchimp has not finished batch ${batchId} within ${Math.round(maxWaitMs / 1000)} s (${status.status}, ${status.finished_operations}/${status.total_operations}).`;
        throw new MailchimpError({ kind: 'server', detail, operation: 'GET /batches/{batch_id}' });
      }
      await wait(pause, o.signal);
      pause = Math.min(o.maxPollMs ?? 15_000, pause * 2);
    }
  };

  // The archive is retried like an API call (a storage hiccup is transient); an expired link is not.
  const readBatchResults = async (url: string): Promise<BatchOperationResult[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await downloadBatchResults(url, { timeoutMs: d.downloadTimeoutMs });
      } catch (err) {
        if (!(err instanceof MailchimpError) || !isRetryableKind(err.kind) || attempt >= d.retry.maxAttempts) {
          if (err instanceof MailchimpError) err.attempts = attempt;
          throw err;
        }
        await wait(backoffDelayMs(attempt, d.retry, d.random));
      }
    }
  };

  // https://mailchimp.com/developer/marketing/api/batch-operations/start-batch-operation/
  // Not idempotent: a POST re-sent after an unseen answer may start a second batch. Both only hold
  // idempotent member PUTs, so the members end the same.
  const startBatch = async (operations: BatchOperation[]) => {
    const op = 'POST /batches';
    return d.t.parse(batchStatusSchema, (await d.t.send(op, (sdk) => sdk.batches.start({ operations }))).data, op);
  };

  return {
    startBatch,
    getBatch,
    waitForBatch,
    readBatchResults,
    async batchUpsertMembers(listId, rows, o = {}) {
      const params = o.skipMergeValidation ? { skip_merge_validation: true } : undefined;
      const operations: BatchOperation[] = rows.map((r) => ({
        method: 'PUT',
        path: `/lists/${encodeURIComponent(listId)}/members/${r.hash}`,
        operation_id: r.operationId,
        body: JSON.stringify(r.body),
        ...(params ? { params } : {}),
      }));
      const started = await startBatch(operations);
      const status = await waitForBatch(started.id, o);
      const results = status.response_body_url ? await readBatchResults(status.response_body_url) : [];
      return { batchId: started.id, status, results };
    },
  };
}

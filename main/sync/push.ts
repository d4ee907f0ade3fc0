import type { Db } from '../db/open-database.js';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { MemberStatus, Outcome } from '../../shared/domain/sync.js';
import { classifyBatchRowError } from '../mailchimp/classify-error.js';
import type { BatchMemberInput, BatchSubscribeResult, MailchimpApi, Member } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError, type MailchimpErrorKind } from '../mailchimp/mailchimp-error.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import type { DesiredMember } from '../mapping/desired-state.js';
import type { ConfirmedWrite, MirrorStore } from './mirror-store.js';
import { outcomeOfWrite, REFUSED_KEY } from './plan.js';
import type { ItemAction, ItemResult, ItemWriters } from '../runs/run-store.js';

/** One member to write: the plan's action and the data to send. */
export type PushJob = {
  clientId: number;
  desired: DesiredMember;
  action: 'create' | 'update' | 'resubscribe';
  attempts: number;
  lastError?: AppError;
  /** The outcome to report on success when it differs from the action's (a create retried as an update). */
  outcomeAs?: Outcome;
};

/** What every writing step of a run works with. */
export type WriteDeps = {
  api: MailchimpApi;
  db: Db;
  listId: string;
  runId: number;
  mirror: MirrorStore;
  writers: ItemWriters;
  signal: AbortSignal;
  /** Requests in flight at once (Mailchimp allows 10 connections per key). */
  concurrency: number;
  /** Members per batch subscribe request (Mailchimp's maximum is 500). */
  batchSize: number;
};

export type PushDeps = WriteDeps & {
  /** Tries per member before it is given up as failed. */
  maxAttempts: number;
  /** Called with the outcomes of each recorded batch (progress). */
  onSettled: (outcomes: Outcome[]) => void;
  /** Server-side `last_changed` of each member Mailchimp confirmed (the engine's next read cursor). */
  onLastChanged: (iso: string) => void;
};

/** A failure that ends the run (bad key, audience gone): retrying members cannot help. */
export class FatalPushError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.code);
  }
}

const KEPT: ReadonlySet<MemberStatus> = new Set(['unsubscribed', 'cleaned', 'pending']);
const RETRYABLE: ReadonlySet<MailchimpErrorKind> = new Set(['rate_limit', 'server', 'network', 'bad_response']);
const FATAL: ReadonlySet<MailchimpErrorKind> = new Set(['auth', 'not_found']);

/**
 * The body row for one member. `update_existing` CHANGES an existing member's status to the row's
 * `status`, so `status` is sent only where the status must become `subscribed` (new members, and
 * transactional/archived ones whose Barsy flag is their consent); for existing members it is omitted
 * and their status stays what it is.
 */
export function batchRow(job: Pick<PushJob, 'desired' | 'action'>): BatchMemberInput {
  const row: BatchMemberInput = { email_address: job.desired.email };
  if (job.action !== 'update') row.status = 'subscribed';
  if (Object.keys(job.desired.mergeFields).length > 0) row.merge_fields = job.desired.mergeFields;
  if (Object.keys(job.desired.interests).length > 0) row.interests = job.desired.interests;
  return row;
}

/** Batch subscribe with `update_existing: false` (new members) or `true` (existing ones). */
type BatchKind = 'create' | 'update';

/** A push that takes jobs while it runs (the engine feeds it as it plans, chunk by chunk). */
export type Pusher = {
  add(jobs: readonly PushJob[]): void;
  /** No more jobs will come: partial batches may go out now. */
  end(): void;
  /** Settles once every job has an outcome (or the signal aborted); rejects with `FatalPushError`. */
  done: Promise<void>;
};

/**
 * Starts pushing jobs (added while it runs) through batch subscribe, `concurrency` requests at a time,
 * recording each batch's results in one transaction as they arrive. One bad member never blocks the others: a refused row
 * fails alone, a request refused as a whole is split in halves until the bad member is isolated, and
 * transient failures are retried up to `maxAttempts` per member. Stops launching batches once
 * `signal` aborts; throws `FatalPushError` for failures no retry can fix.
 */
export function startPush(deps: PushDeps): Pusher {
  const queues: Record<BatchKind, PushJob[]> = { create: [], update: [] };
  const enqueue = (job: PushJob) => queues[job.action === 'create' ? 'create' : 'update'].push(job);
  /** Halves of a batch refused as a whole: sent as they are (never merged back), before anything else. */
  const halves: Array<[BatchKind, PushJob[]]> = [];
  let fatal: FatalPushError | null = null;

  /** Records one batch's results in one transaction (bulk statements: 500 rows cost a few statements). */
  const settle = (results: ItemResult[], writes: Array<() => void>, confirmed: ConfirmedWrite[] = []) => {
    deps.db.transaction(() => {
      for (const w of writes) w();
      deps.mirror.recordConfirmed(confirmed, deps.runId);
      deps.writers.settleMany(results);
    })();
    deps.onSettled(results.map((r) => r.outcome));
  };

  /** Another try for a member, or failed with its last error once its tries are used up. */
  const retry = (job: PushJob, error: AppError, results: ItemResult[]) => {
    job.attempts += 1;
    job.lastError = error;
    if (job.attempts >= deps.maxAttempts) results.push({ clientId: job.clientId, outcome: 'failed', error });
    else enqueue(job);
  };

  const confirm = (job: PushJob, m: { status?: MemberStatus | undefined; last_changed?: string | undefined }, fresh: boolean) => {
    const status: MemberStatus = m.status ?? 'subscribed';
    if (m.last_changed) deps.onLastChanged(m.last_changed);
    const { hash, email, mergeFields, interests, key } = job.desired;
    const write: ConfirmedWrite = { hash, email, status, mergeFields, interests, lastChanged: m.last_changed ?? null, key, fresh };
    const result: ItemResult = KEPT.has(status)
      ? { clientId: job.clientId, outcome: 'keptStatus', memberStatus: status }
      : { clientId: job.clientId, outcome: job.outcomeAs ?? outcomeOfWrite(job.action) };
    return { write, result };
  };

  /**
   * Mailchimp refused to subscribe a member (compliance state: it unsubscribed or bounced, also before it
   * was archived): look up its status for the report; it is kept as it is.
   */
  const resolveKept = async (job: PushJob, error: AppError): Promise<void> => {
    let member: Member | null = null;
    try {
      member = await deps.api.getMember(deps.listId, job.desired.hash);
    } catch (err) {
      if (isMailchimpError(err) && FATAL.has(err.kind)) throw new FatalPushError(mailchimpErrorToAppError(err));
    }
    const found = member;
    // Remembered, so later runs do not ask again while the member stays as it is (same last_changed).
    const writes = found
      ? [
          () => deps.mirror.putMember(found),
          () => deps.mirror.setState(job.desired.hash, job.desired.email, { synced: false, forgotten: false, confirmedKey: REFUSED_KEY, confirmedLastChanged: found.last_changed ?? null }, deps.runId),
        ]
      : [];
    const status: MemberStatus = found?.status ?? 'unsubscribed';
    settle([status === 'subscribed' ? { clientId: job.clientId, outcome: 'failed', error } : { clientId: job.clientId, outcome: 'keptStatus', memberStatus: status }], writes);
  };

  const onResult = (batch: PushJob[], res: BatchSubscribeResult, toResolve: Array<[PushJob, AppError]>) => {
    const byEmail = new Map(batch.map((j) => [j.desired.email.toLowerCase(), j]));
    const take = (email: string | undefined) => {
      const key = (email ?? '').trim().toLowerCase();
      const job = byEmail.get(key);
      if (job) byEmail.delete(key);
      return job;
    };
    const results: ItemResult[] = [];
    const writes: Array<() => void> = [];
    const confirmed: ConfirmedWrite[] = [];
    for (const [list, fresh] of [[res.new_members, true], [res.updated_members, false]] as const) {
      for (const m of list) {
        const job = take(m.email_address);
        if (!job) continue;
        // Only these fields come back (BATCH_RESULT_FIELDS): address, status, last_changed.
        const member = m;
        if (member.status === 'transactional' || member.status === 'archived') {
          // Updated without a status, the member turned out transactional/archived: subscribe it (Barsy flag = consent).
          retry({ ...job, action: 'resubscribe' }, appError('mailchimp_bad_request', { detail: `status ${member.status}` }), results);
          continue;
        }
        const c = confirm(job, member, fresh && job.action === 'create');
        confirmed.push(c.write);
        results.push(c.result);
      }
    }
    for (const row of res.errors) {
      const job = take(row.email_address);
      if (!job) continue;
      const kind = classifyBatchRowError(row);
      const error = mailchimpErrorToAppError({ kind, detail: row.error, title: undefined, status: 400, errors: row.field ? [{ field: row.field, message: row.field_message ?? '' }] : [] });
      if (row.error_code === 'ERROR_CONTACT_EXISTS') {
        // Usually our own earlier attempt (its answer lost to a reset): update it WITHOUT a status, so
        // whatever status it has is kept, and learn that status from the answer.
        retry({ ...job, action: 'update', outcomeAs: job.outcomeAs ?? outcomeOfWrite(job.action) }, error, results);
      } else if (kind === 'compliance_state') toResolve.push([job, error]);
      else if (kind === 'forgotten_email') {
        writes.push(() => deps.mirror.setState(job.desired.hash, job.desired.email, { synced: false, forgotten: true }, deps.runId));
        results.push({ clientId: job.clientId, outcome: 'failed', error });
      } else if (RETRYABLE.has(kind)) retry(job, error, results);
      else results.push({ clientId: job.clientId, outcome: 'failed', error });
    }
    // A row Mailchimp did not mention at all is tried again.
    for (const job of byEmail.values()) retry(job, appError('mailchimp_bad_response'), results);
    settle(results, writes, confirmed);
  };

  const onFailure = (batchKind: BatchKind, batch: PushJob[], err: unknown) => {
    const kind: MailchimpErrorKind = isMailchimpError(err) ? err.kind : 'bad_response';
    const error = isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response');
    if (FATAL.has(kind)) throw new FatalPushError(error);
    const results: ItemResult[] = [];
    if (RETRYABLE.has(kind)) batch.forEach((j) => retry(j, error, results));
    else if (batch.length > 1) {
      // Refused as a whole (e.g. one malformed row): halve until the culprit stands alone.
      const half = Math.ceil(batch.length / 2);
      halves.push([batchKind, batch.slice(0, half)], [batchKind, batch.slice(half)]);
    } else results.push({ clientId: batch[0]!.clientId, outcome: 'failed', error });
    settle(results, []);
  };

  /** What to do with a batch's answer (or failure): record it, then look up refused members. */
  const handle = async (kind: BatchKind, batch: PushJob[], answer: { res: BatchSubscribeResult } | { err: unknown }) => {
    if ('err' in answer) return onFailure(kind, batch, answer.err);
    const toResolve: Array<[PushJob, AppError]> = [];
    onResult(batch, answer.res, toResolve);
    await Promise.all(toResolve.map(([job, error]) => resolveKept(job, error)));
  };

  let ended = false;
  /** A full batch, or once the input has ended whatever is left (retries included). */
  const nextBatch = (): [BatchKind, PushJob[]] | null => {
    const half = halves.shift();
    if (half) return half;
    const kind = queues.create.length >= queues.update.length ? 'create' : 'update';
    const q = queues[kind];
    if (q.length === 0 || (!ended && q.length < deps.batchSize)) return null;
    return [kind, q.splice(0, deps.batchSize)];
  };

  // `requests` counts HTTP calls in flight (the concurrency limit), `handlers` answers being recorded.
  // A slot is handed to the next batch as soon as an answer arrives, before the answer is recorded, so
  // recording (SQLite, on this thread) never keeps a connection idle.
  let requests = 0;
  let handlers = 0;
  let failure: unknown = null;
  let pump: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    pump = () => {
      while (!fatal && failure === null && !deps.signal.aborted && requests < deps.concurrency) {
        const next = nextBatch();
        if (!next) break;
        const [kind, batch] = next;
        requests += 1;
        deps.writers.markSent(batch.map((j) => j.clientId));
        deps.api.batchSubscribe(deps.listId, batch.map(batchRow), { updateExisting: kind === 'update' }).then(
          (res) => arrived(kind, batch, { res }),
          (err: unknown) => arrived(kind, batch, { err }),
        );
      }
      const idle = requests === 0 && handlers === 0;
      if (idle && (ended || fatal || failure !== null || deps.signal.aborted)) resolve();
    };
    const arrived = (kind: BatchKind, batch: PushJob[], answer: { res: BatchSubscribeResult } | { err: unknown }) => {
      requests -= 1;
      handlers += 1;
      pump();
      // Recorded on the next turn of the event loop, after the next request has gone out.
      setImmediate(() => {
        handle(kind, batch, answer)
          .catch((err: unknown) => {
            if (err instanceof FatalPushError) fatal ??= err;
            else failure ??= err;
          })
          .finally(() => {
            handlers -= 1;
            pump();
          });
      });
    };
    pump();
  }).then(() => {
    if (fatal) throw fatal;
    if (failure !== null) throw failure;
  });
  done.catch(() => undefined);
  deps.signal.addEventListener('abort', () => pump(), { once: true });
  return {
    add(jobs) {
      jobs.forEach((j) => enqueue(j));
      pump();
    },
    end() {
      ended = true;
      pump();
    },
    done,
  };
}

/** The action a push job carries, from the plan's action (only write actions are pushed). */
export function isWriteAction(a: ItemAction): a is PushJob['action'] {
  return a === 'create' || a === 'update' || a === 'resubscribe';
}

import type { Db } from '../db/open-database.js';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { MemberStatus, Outcome } from '../../shared/domain/sync.js';
import { classifyBatchRowError } from '../mailchimp/classify-error.js';
import type { BatchMemberInput, BatchSubscribeResult, MailchimpApi, Member } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError, type MailchimpErrorKind } from '../mailchimp/mailchimp-error.js';
import { errorDisposition } from '../mailchimp/retry-policy.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import type { DesiredMember } from '../mapping/desired-state.js';
import type { ItemAction, ItemResult, ItemWriters } from '../runs/run-store.js';
import { attachCongestion, type Congestion } from './congestion.js';
import type { ConfirmedWrite, MirrorStore } from './mirror-store.js';
import { outcomeOfWrite, REFUSED_KEY } from './plan.js';
import { batchFailureAction, createOutageWatch, RunInterrupted, type BatchState } from './push-failure.js';
import { storageErrorOf } from './storage-error.js';

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
  /** Requests in flight at most (`sync.maxConnections`: Mailchimp's 10 connections are the whole account's). */
  concurrency: number;
  /** Members per batch subscribe request (Mailchimp's maximum is 500). */
  batchSize: number;
  /** The run's connection share (it follows 429s from every request of the run, reads included). */
  congestion?: Congestion;
};

export type PushDeps = WriteDeps & {
  /** Tries per member before it is given up as failed (rows Mailchimp left unanswered or refused for a moment). */
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
type Batch = BatchState & { kind: BatchKind; jobs: PushJob[] };
type Answer = { res: BatchSubscribeResult } | { err: unknown };

/** A push that takes jobs while it runs (the engine feeds it as it plans, chunk by chunk). */
export type Pusher = {
  add(jobs: readonly PushJob[]): void;
  /** No more jobs will come: partial batches may go out now. */
  end(): void;
  /** Stops launching batches because the run failed elsewhere; `done` then rejects with `reason`. */
  abort(reason: unknown): void;
  /**
   * Settles once every job has an outcome (or the signal aborted); rejects with `FatalPushError` (the run
   * fails), `RunInterrupted` (an outage: the run stops, members unsettled) or a storage error.
   */
  done: Promise<void>;
};

const errorOfFailure = (err: unknown): AppError => (isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response'));

/**
 * Starts pushing jobs (added while it runs) through batch subscribe, recording each batch's results in one
 * transaction as they arrive. One bad member never blocks the others: a refused row fails alone, a
 * request refused as a whole — or failing with 5xx twice — is split in halves until the bad member is
 * isolated. Requests in flight follow the account's connection limit (halved on a 429, grown back
 * slowly); a 429 never gives a member up. Batch after batch failing with no answer in between is an
 * outage: the push stops with `RunInterrupted`, members unsettled. Stops launching once `signal` aborts.
 */
export function startPush(deps: PushDeps): Pusher {
  const queues: Record<BatchKind, PushJob[]> = { create: [], update: [] };
  const enqueue = (job: PushJob) => queues[job.action === 'create' ? 'create' : 'update'].push(job);
  /** Batches sent again as they are (halves, retries of a whole batch): before anything else. */
  const again: Batch[] = [];
  // Without a run-wide controller (tests), the push keeps its own.
  const own = deps.congestion ? null : attachCongestion(deps.api, deps.concurrency);
  const congestion: Congestion = deps.congestion ?? own!;
  const outage = createOutageWatch();
  /** Why the push stopped early, if it did (the first reason wins). */
  let stopped: unknown = null;
  const stop = (reason: unknown) => (stopped ??= reason);

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

  /** A permanently deleted address: failed once, remembered, never sent again. */
  const forgotten = (job: PushJob, error: AppError, results: ItemResult[], writes: Array<() => void>) => {
    writes.push(() => deps.mirror.setState(job.desired.hash, job.desired.email, { synced: false, forgotten: true }, deps.runId));
    results.push({ clientId: job.clientId, outcome: 'failed', error });
  };

  /**
   * Mailchimp refused to subscribe a member (compliance state: it unsubscribed or bounced, also before it
   * was archived): look up its status for the report; it is kept as it is. Older accounts answer the same
   * for a permanently deleted address, which then is not found: it settles as deleted, once.
   */
  const resolveKept = async (job: PushJob, error: AppError): Promise<void> => {
    let member: Member | null | undefined;
    try {
      member = await deps.api.getMember(deps.listId, job.desired.hash);
    } catch (err) {
      if (isMailchimpError(err) && errorDisposition(err.kind) === 'stop') throw new FatalPushError(mailchimpErrorToAppError(err));
    }
    const results: ItemResult[] = [];
    const writes: Array<() => void> = [];
    if (member === null) forgotten(job, appError('mailchimp_forgotten_email', { detail: String(error.params.detail ?? '') }), results, writes);
    else if (member === undefined) results.push({ clientId: job.clientId, outcome: 'keptStatus', memberStatus: 'unsubscribed' });
    else {
      const found = member;
      // Remembered, so later runs do not ask again while the member stays as it is (same last_changed).
      writes.push(
        () => deps.mirror.putMember(found),
        () => deps.mirror.setState(job.desired.hash, job.desired.email, { synced: false, forgotten: false, confirmedKey: REFUSED_KEY, confirmedLastChanged: found.last_changed ?? null }, deps.runId),
      );
      results.push(found.status === 'subscribed' ? { clientId: job.clientId, outcome: 'failed', error } : { clientId: job.clientId, outcome: 'keptStatus', memberStatus: found.status });
    }
    settle(results, writes);
  };

  /** "Signed up to a lot of lists very recently": not failed, kept for a later run (which tries again). */
  const later = (job: PushJob, error: AppError, results: ItemResult[]) => results.push({ clientId: job.clientId, outcome: 'keptStatus', memberStatus: null, error });

  const onResult = (batch: Batch, res: BatchSubscribeResult, toResolve: Array<[PushJob, AppError]>) => {
    const byEmail = new Map(batch.jobs.map((j) => [j.desired.email.toLowerCase(), j]));
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
        if (m.status === 'transactional' || m.status === 'archived') {
          // Updated without a status, the member turned out transactional/archived: subscribe it (Barsy flag = consent).
          retry({ ...job, action: 'resubscribe' }, appError('mailchimp_bad_request', { detail: `status ${m.status}` }), results);
          continue;
        }
        const c = confirm(job, m, fresh && job.action === 'create');
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
        continue;
      }
      rowError(job, kind, error, results, writes, toResolve);
    }
    // A row Mailchimp did not mention at all is tried again.
    for (const job of byEmail.values()) retry(job, appError('mailchimp_bad_response'), results);
    settle(results, writes, confirmed);
  };

  /** One member's refusal, by what it means (the client's disposition of the kind). */
  const rowError = (job: PushJob, kind: MailchimpErrorKind, error: AppError, results: ItemResult[], writes: Array<() => void>, toResolve: Array<[PushJob, AppError]>) => {
    const disposition = errorDisposition(kind);
    if (kind === 'compliance_state') toResolve.push([job, error]);
    else if (kind === 'forgotten_email') forgotten(job, error, results, writes);
    else if (disposition === 'later') later(job, error, results);
    else if (disposition === 'retry') retry(job, error, results);
    else results.push({ clientId: job.clientId, outcome: 'failed', error });
  };

  const halves = (b: Batch): Batch[] => {
    const half = Math.ceil(b.jobs.length / 2);
    return [b.jobs.slice(0, half), b.jobs.slice(half)].map((jobs) => ({ kind: b.kind, jobs, size: jobs.length, transientFailures: 0, suspect: true }));
  };

  /** The whole request failed: send it again, split it, or settle its lone member (see `batchFailureAction`). */
  const onFailure = async (batch: Batch, err: unknown): Promise<void> => {
    if (!isMailchimpError(err)) throw err;
    const error = errorOfFailure(err);
    const disposition = errorDisposition(err.kind);
    if (disposition === 'retry') {
      const down = outage.failure(error);
      if (down) throw new RunInterrupted(down);
    }
    const action = batchFailureAction(disposition, err.kind, batch);
    const results: ItemResult[] = [];
    const writes: Array<() => void> = [];
    const job = batch.jobs[0]!;
    switch (action) {
      case 'stop':
        throw new FatalPushError(error);
      case 'again':
        again.push({ ...batch, transientFailures: batch.transientFailures + (err.kind === 'rate_limit' ? 0 : 1) });
        return;
      case 'split':
        again.push(...halves(batch));
        return;
      case 'fail':
        results.push({ clientId: job.clientId, outcome: 'failed', error });
        break;
      case 'later':
        later(job, error, results);
        break;
      case 'settle':
        if (err.kind === 'compliance_state') return resolveKept(job, error);
        if (err.kind === 'forgotten_email') forgotten(job, error, results, writes);
        else results.push({ clientId: job.clientId, outcome: 'failed', error });
        break;
      default:
        return action satisfies never;
    }
    settle(results, writes);
  };

  /** What to do with a batch's answer (or failure): record it, then look up refused members. */
  const handle = async (batch: Batch, answer: Answer) => {
    if ('err' in answer) return onFailure(batch, answer.err);
    outage.success();
    congestion.onSuccess();
    const toResolve: Array<[PushJob, AppError]> = [];
    onResult(batch, answer.res, toResolve);
    await Promise.all(toResolve.map(([job, error]) => resolveKept(job, error)));
  };

  let ended = false;
  /** A full batch, or once the input has ended whatever is left (retries included). */
  const nextBatch = (): Batch | null => {
    const first = again.shift();
    if (first) return first;
    const kind = queues.create.length >= queues.update.length ? 'create' : 'update';
    const q = queues[kind];
    if (q.length === 0 || (!ended && q.length < deps.batchSize)) return null;
    const jobs = q.splice(0, deps.batchSize);
    return { kind, jobs, size: jobs.length, transientFailures: 0, suspect: false };
  };

  // `requests` counts HTTP calls in flight (the congestion limit), `handlers` answers being recorded.
  // A slot is handed to the next batch as soon as an answer arrives, before the answer is recorded, so
  // recording (SQLite, on this thread) never keeps a connection idle.
  let requests = 0;
  let handlers = 0;
  let pump: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    pump = () => {
      while (stopped === null && !deps.signal.aborted && requests < congestion.limit()) {
        const batch = nextBatch();
        if (!batch) break;
        try {
          deps.writers.markSent(batch.jobs.map((j) => j.clientId));
        } catch (err) {
          // The database refused the write (locked, full): nothing was sent; the run stops here.
          again.unshift(batch);
          stop(err);
          break;
        }
        requests += 1;
        deps.api.batchSubscribe(deps.listId, batch.jobs.map(batchRow), { updateExisting: batch.kind === 'update' }).then(
          (res) => arrived(batch, { res }),
          (err: unknown) => arrived(batch, { err }),
        );
      }
      const idle = requests === 0 && handlers === 0;
      if (idle && (ended || stopped !== null || deps.signal.aborted)) resolve();
    };
    const arrived = (batch: Batch, answer: Answer) => {
      requests -= 1;
      handlers += 1;
      pump();
      // Recorded on the next turn of the event loop, after the next request has gone out.
      setImmediate(() => {
        // Once the database failed, answers are not recorded: their members stay unsettled and a resumed
        // run finds what Mailchimp applied when it re-reads the audience.
        const work = storageErrorOf(stopped) ? Promise.resolve() : handle(batch, answer);
        work
          .catch((err: unknown) => void stop(err))
          .finally(() => {
            handlers -= 1;
            pump();
          });
      });
    };
    pump();
  }).then(() => {
    own?.detach();
    if (stopped !== null) throw stopped;
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
    abort(reason) {
      stop(reason);
      pump();
    },
    done,
  };
}

/** The action a push job carries, from the plan's action (only write actions are pushed). */
export function isWriteAction(a: ItemAction): a is PushJob['action'] {
  return a === 'create' || a === 'update' || a === 'resubscribe';
}

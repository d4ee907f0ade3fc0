import type { Db } from '../db/open-database.js';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { MemberStatus, Outcome } from '../../shared/domain/sync.js';
import { classifyBatchRowError } from '../mailchimp/classify-error.js';
import type { BatchMemberInput, BatchSubscribeResult, MailchimpApi, Member } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError, type MailchimpErrorKind } from '../mailchimp/mailchimp-error.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import type { DesiredMember } from './desired-state.js';
import type { MirrorStore } from './mirror-store.js';
import { decide, outcomeOfWrite } from './plan.js';
import type { ItemAction, ItemResult, ItemWriters } from './run-store.js';

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

export type PushDeps = {
  api: MailchimpApi;
  db: Db;
  listId: string;
  runId: number;
  mirror: MirrorStore;
  writers: ItemWriters;
  signal: AbortSignal;
  /** Batches in flight at once (Mailchimp allows 10 connections per key). */
  concurrency: number;
  /** Members per batch subscribe request (Mailchimp's maximum is 500). */
  batchSize: number;
  /** Tries per member before it is given up as failed. */
  maxAttempts: number;
  /** Called after each settled result (progress). */
  onSettled: (outcome: Outcome) => void;
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

/**
 * Pushes every job through batch subscribe, `concurrency` requests at a time, recording each batch's
 * results in one transaction as they arrive. One bad member never blocks the others: a refused row
 * fails alone, a request refused as a whole is split in halves until the bad member is isolated, and
 * transient failures are retried up to `maxAttempts` per member. Stops launching batches once
 * `signal` aborts; throws `FatalPushError` for failures no retry can fix.
 */
export async function pushAll(deps: PushDeps, jobs: PushJob[]): Promise<void> {
  const queues: Record<'create' | 'update', PushJob[]> = { create: [], update: [] };
  const enqueue = (job: PushJob, front = false) => {
    const q = queues[job.action === 'create' ? 'create' : 'update'];
    if (front) q.unshift(job);
    else q.push(job);
  };
  jobs.forEach((j) => enqueue(j));
  const inFlight = new Set<Promise<void>>();
  let fatal: FatalPushError | null = null;

  const settle = (results: ItemResult[], writes: Array<() => void>) => {
    deps.db.transaction(() => {
      for (const w of writes) w();
      for (const r of results) deps.writers.settle(r);
    })();
    for (const r of results) deps.onSettled(r.outcome);
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
    const write = () => {
      deps.mirror.applyWrite({ hash: job.desired.hash, email: job.desired.email, status, mergeFields: job.desired.mergeFields, interests: job.desired.interests, lastChanged: m.last_changed ?? null }, fresh);
      deps.mirror.setState(job.desired.hash, job.desired.email, { synced: true, forgotten: false }, deps.runId);
    };
    const result: ItemResult = KEPT.has(status)
      ? { clientId: job.clientId, outcome: 'keptStatus', memberStatus: status }
      : { clientId: job.clientId, outcome: job.outcomeAs ?? outcomeOfWrite(job.action) };
    return { write, result };
  };

  /** Members Mailchimp already had ("contact exists") or would not subscribe: look at them, then decide again. */
  const resolve = async (job: PushJob): Promise<void> => {
    const results: ItemResult[] = [];
    const writes: Array<() => void> = [];
    let member: Member | null;
    try {
      member = await deps.api.getMember(deps.listId, job.desired.hash);
    } catch (err) {
      if (isMailchimpError(err) && FATAL.has(err.kind)) throw new FatalPushError(mailchimpErrorToAppError(err));
      retry(job, isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response'), results);
      return settle(results, writes);
    }
    if (!member) {
      retry({ ...job, action: 'create' }, appError('mailchimp_not_found', { what: job.desired.email }), results);
      return settle(results, writes);
    }
    const found = member;
    writes.push(() => deps.mirror.putMember(found));
    const next = decide(job.desired, { status: found.status, mergeFields: found.merge_fields, interests: found.interests }, false);
    if (next.action === 'unchanged') {
      // Our own earlier attempt (answer lost to a reset) already wrote it: that attempt's outcome stands.
      const c = confirm(job, found, false);
      writes.push(c.write);
      results.push(c.result);
    } else if (next.action === 'kept') {
      results.push({ clientId: job.clientId, outcome: 'keptStatus', memberStatus: next.status });
    } else if (next.action === 'update' || next.action === 'resubscribe') {
      writes.push(() => deps.writers.setAction(job.clientId, next.action));
      retry({ ...job, action: next.action }, appError('mailchimp_bad_request', { detail: 'member changed during the run' }), results);
    } else {
      results.push({ clientId: job.clientId, outcome: 'failed', error: appError('mailchimp_forgotten_email', { email: job.desired.email }) });
    }
    settle(results, writes);
  };

  const onResult = (batch: PushJob[], res: BatchSubscribeResult, toResolve: PushJob[]) => {
    const byEmail = new Map(batch.map((j) => [j.desired.email.toLowerCase(), j]));
    const take = (email: string | undefined) => {
      const key = (email ?? '').trim().toLowerCase();
      const job = byEmail.get(key);
      if (job) byEmail.delete(key);
      return job;
    };
    const results: ItemResult[] = [];
    const writes: Array<() => void> = [];
    for (const [list, fresh] of [[res.new_members, true], [res.updated_members, false]] as const) {
      for (const m of list) {
        const job = take(m.email_address);
        if (!job) continue;
        const member = m as { status?: MemberStatus; last_changed?: string };
        if (member.status === 'transactional' || member.status === 'archived') {
          // Updated without a status, the member turned out transactional/archived: subscribe it (Barsy flag = consent).
          retry({ ...job, action: 'resubscribe' }, appError('mailchimp_bad_request', { detail: `status ${member.status}` }), results);
          continue;
        }
        const c = confirm(job, member, fresh && job.action === 'create');
        writes.push(c.write);
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
      } else if (kind === 'compliance_state') toResolve.push(job);
      else if (kind === 'forgotten_email') {
        writes.push(() => deps.mirror.setState(job.desired.hash, job.desired.email, { synced: false, forgotten: true }, deps.runId));
        results.push({ clientId: job.clientId, outcome: 'failed', error });
      } else if (RETRYABLE.has(kind)) retry(job, error, results);
      else results.push({ clientId: job.clientId, outcome: 'failed', error });
    }
    // A row Mailchimp did not mention at all is tried again.
    for (const job of byEmail.values()) retry(job, appError('mailchimp_bad_response'), results);
    settle(results, writes);
  };

  const onFailure = (batch: PushJob[], err: unknown) => {
    const kind: MailchimpErrorKind = isMailchimpError(err) ? err.kind : 'bad_response';
    const error = isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response');
    if (FATAL.has(kind)) throw new FatalPushError(error);
    const results: ItemResult[] = [];
    if (RETRYABLE.has(kind)) batch.forEach((j) => retry(j, error, results));
    else if (batch.length > 1) {
      // Refused as a whole (e.g. one malformed row): halve until the culprit stands alone.
      const half = Math.ceil(batch.length / 2);
      [batch.slice(half), batch.slice(0, half)].forEach((part) => part.reverse().forEach((j) => enqueue(j, true)));
    } else results.push({ clientId: batch[0]!.clientId, outcome: 'failed', error });
    settle(results, []);
  };

  const send = async (kind: 'create' | 'update', batch: PushJob[]) => {
    deps.db.transaction(() => batch.forEach((j) => deps.writers.markSent(j.clientId)))();
    let res: BatchSubscribeResult;
    try {
      res = await deps.api.batchSubscribe(deps.listId, batch.map(batchRow), { updateExisting: kind === 'update' });
    } catch (err) {
      return onFailure(batch, err);
    }
    const toResolve: PushJob[] = [];
    onResult(batch, res, toResolve);
    await Promise.all(toResolve.map(resolve));
  };

  const nextBatch = (): ['create' | 'update', PushJob[]] | null => {
    const kind = queues.create.length >= queues.update.length ? 'create' : 'update';
    const q = queues[kind];
    return q.length === 0 ? null : [kind, q.splice(0, deps.batchSize)];
  };

  for (;;) {
    while (!fatal && !deps.signal.aborted && inFlight.size < deps.concurrency) {
      const next = nextBatch();
      if (!next) break;
      const p: Promise<void> = send(...next)
        .catch((err: unknown) => {
          if (err instanceof FatalPushError) fatal ??= err;
          else throw err;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (fatal) throw fatal;
}

/** The action a push job carries, from the plan's action (only write actions are pushed). */
export function isWriteAction(a: ItemAction): a is PushJob['action'] {
  return a === 'create' || a === 'update' || a === 'resubscribe';
}

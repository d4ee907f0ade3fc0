import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { MailchimpErrorKind } from '../mailchimp/mailchimp-error.js';
import type { ErrorDisposition } from '../mailchimp/retry-policy.js';

/** A batch the pusher sends: its members, and what its earlier tries met. */
export type BatchState = {
  size: number;
  /** Transient failures (5xx, resets) this very batch met. */
  transientFailures: number;
  /** Split off a batch that kept failing: one of its members is suspected, so it splits at once. */
  suspect: boolean;
};

/** What to do with a batch after a failure of the whole request. */
export type BatchFailureAction = 'stop' | 'again' | 'split' | 'fail' | 'settle' | 'later';

/**
 * Decides what a failed batch request leads to. A 5xx or reset that repeats for the same batch is
 * usually one member Mailchimp chokes on (a blocked domain, a trailing dot: it answers 500 every time),
 * so after the second one the batch is split in halves like a refused batch, and halves of it split at
 * once, until the member stands alone; a lone member fails after its own second failure, with
 * Mailchimp's message. A 429 is sent again as it is (the connection limit is the account's, not the
 * members' fault). Other refusals split at once.
 */
export function batchFailureAction(disposition: ErrorDisposition, kind: MailchimpErrorKind, b: BatchState): BatchFailureAction {
  const alone = b.size <= 1;
  switch (disposition) {
    case 'stop':
      return 'stop';
    case 'retry': {
      if (kind === 'rate_limit') return 'again';
      const failures = b.transientFailures + 1;
      if (alone) return failures >= 2 ? 'fail' : 'again';
      return failures >= 2 || b.suspect ? 'split' : 'again';
    }
    case 'member':
      return alone ? 'fail' : 'split';
    case 'settle':
      return alone ? 'settle' : 'split';
    case 'later':
      return alone ? 'later' : 'split';
    default:
      return disposition satisfies never;
  }
}

/** A run that cannot go on now but loses nothing: it stops as `interrupted` and the next sync resumes it. */
export class RunInterrupted extends Error {
  constructor(readonly appError: AppError) {
    super(appError.code);
  }
}

/** Batch requests failing in a row (no answer in between) before the run is taken to be facing an outage. */
export const OUTAGE_AFTER = 6;

/**
 * Tells an outage (the network or Mailchimp down: batch after batch fails the same transient way and
 * none gets through) from one bad member (its batch fails, the others succeed).
 */
export function createOutageWatch(after = OUTAGE_AFTER) {
  let inARow = 0;
  return {
    /** An answer came: Mailchimp is there. */
    success(): void {
      inARow = 0;
    },
    /** A transient failure; returns the run's error once it looks like an outage. */
    failure(error: AppError): AppError | null {
      inARow += 1;
      if (inARow < after) return null;
      const detail = typeof error.params.detail === 'string' && error.params.detail !== '' ? error.params.detail : error.code;
      return appError('sync_outage', { failures: inARow, detail: detail.slice(0, 300) });
    },
  };
}

import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { MemberUpsertBody } from '../mailchimp/mailchimp-api.js';
import { isMailchimpError } from '../mailchimp/mailchimp-error.js';
import { errorDisposition } from '../mailchimp/retry-policy.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import { pool } from './pool.js';
import { FatalPushError, type WriteDeps } from './push.js';

/** Up to this many members get their permission by one PUT each; more go in one Batch Operations request. */
export const PER_MEMBER_PUTS_MAX = 10;
/** Member PUTs per `POST /batches`. */
const OPERATIONS_PER_BATCH = 1000;

type Row = { client_id: number; email: string; email_hash: string };

/** The permission a sync grants to the members it creates. */
export type GrantedPermission = { id: string; text: string };

/**
 * Gives the mapped marketing permission to every member THIS run created (batch subscribe cannot carry
 * permissions): one PUT each when there are few, else Mailchimp's Batch Operations (member PUTs, polled
 * until finished, results from the archive). Existing members are never touched: only rows whose outcome
 * is `created` and whose permission is not recorded yet are sent, so a resumed run completes the rest.
 * Each result is recorded on the client's row (`permission` granted/failed); a refusal affects only that
 * member. Resolves with how many were granted and failed now.
 */
export async function grantPermissions(deps: WriteDeps, permission: GrantedPermission, onDone?: (n: number) => void): Promise<{ granted: number; failed: number }> {
  const rows = deps.db
    .prepare<[number], Row>(
      "SELECT client_id, email, email_hash FROM run_item_view WHERE run_id = ? AND outcome = 'created' AND permission IS NULL AND email_hash IS NOT NULL ORDER BY line, client_id",
    )
    .all(deps.runId);
  deps.db.prepare('UPDATE sync_runs SET permission_text = ? WHERE id = ?').run(permission.text, deps.runId);
  const tally = { granted: 0, failed: 0 };
  if (rows.length === 0) return tally;
  const update = deps.db.prepare('UPDATE run_items SET permission = ?, permission_error = ? WHERE run_id = ? AND client_id = ?');
  const record = (results: Array<[Row, AppError | null]>) => {
    deps.db.transaction(() => {
      for (const [r, error] of results) {
        update.run(error ? 'failed' : 'granted', error ? JSON.stringify(error) : null, deps.runId, r.client_id);
        tally[error ? 'failed' : 'granted'] += 1;
      }
    })();
    onDone?.(tally.granted + tally.failed);
  };
  const body = (r: Row): MemberUpsertBody => ({
    email_address: r.email.trim(),
    // The member exists (this run created it): `status_if_new` is required on every PUT and changes nothing.
    status_if_new: 'subscribed',
    marketing_permissions: [{ marketing_permission_id: permission.id, enabled: true }],
  });
  const failure = (err: unknown): AppError => {
    if (isMailchimpError(err) && errorDisposition(err.kind) === 'stop') throw new FatalPushError(mailchimpErrorToAppError(err));
    return isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response');
  };

  if (rows.length <= PER_MEMBER_PUTS_MAX) {
    await pool(rows, deps.concurrency, deps.signal, async (r) => {
      try {
        await deps.api.upsertMember(deps.listId, r.email_hash, body(r));
        record([[r, null]]);
      } catch (err) {
        record([[r, failure(err)]]);
      }
    });
    return tally;
  }
  for (let at = 0; at < rows.length && !deps.signal.aborted; at += OPERATIONS_PER_BATCH) {
    const chunk = rows.slice(at, at + OPERATIONS_PER_BATCH);
    const byId = new Map(chunk.map((r) => [String(r.client_id), r]));
    const { results } = await deps.api.batchUpsertMembers(
      deps.listId,
      chunk.map((r) => ({ operationId: String(r.client_id), hash: r.email_hash, body: body(r) })),
      { signal: deps.signal },
    );
    const settled: Array<[Row, AppError | null]> = [];
    for (const res of results) {
      const r = byId.get(res.operationId);
      if (!r) continue;
      byId.delete(res.operationId);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      settled.push([r, ok ? null : res.error ? failure(res.error) : appError('mailchimp_bad_request', { status: res.statusCode, detail: '' })]);
    }
    // An operation the archive does not mention is reported, not assumed done.
    for (const r of byId.values()) settled.push([r, appError('mailchimp_bad_response')]);
    record(settled);
  }
  return tally;
}

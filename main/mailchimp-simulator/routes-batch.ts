import { setTimeout as sleep } from 'node:timers/promises';
import { assertBody, batchSubscribeSchema } from './body-schema.js';
import { subscriberHash } from './ids.js';
import { checkAddress, writeMember, type MemberInput } from './member-ops.js';
import { schemaInvalid, SimError } from './problem.js';
import { localizeError, localizeText } from './locale.js';
import { flag } from './query.js';
import { link, renderMember } from './render.js';
import { listOf, type Route } from './router.js';
import { writeOptions } from './routes-members.js';

type BatchBody = { members: MemberInput[]; update_existing?: boolean; sync_tags?: boolean };

export type RowError = { email_address: string; error: string; error_code: 'ERROR_CONTACT_EXISTS' | 'ERROR_GENERIC'; field?: string; field_message?: string };

/** A refused row as batch subscribe reports it, with the first field error if there is one. */
function rowError(email: string, err: SimError): RowError {
  const out: RowError = { email_address: email, error: err.detail, error_code: 'ERROR_GENERIC' };
  const first = err.errors?.[0];
  if (first) {
    out.field = first.field;
    out.field_message = first.message;
  }
  return out;
}

/** Addresses that appear more than once in the body (case-insensitive), each named once. */
function duplicates(rows: MemberInput[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const row of rows) {
    const key = (row.email_address ?? '').trim().toLowerCase();
    if (key && seen.has(key)) dups.add(key);
    seen.add(key);
  }
  return [...dups];
}

/**
 * `POST /lists/{list_id}`: batch subscribe/unsubscribe of up to 500 members. Duplicates refuse the whole
 * request unless `skip_duplicate_check`, in which case the first appearance wins and later ones are
 * ignored. Otherwise the answer is always 200, with refused rows in `errors[]`.
 */
export const batchRoute: Route = {
  method: 'POST',
  template: '/lists/{list_id}',
  handle: async (ctx) => {
    const list = listOf(ctx);
    const body = assertBody<BatchBody>(batchSubscribeSchema, ctx.body);
    const dups = duplicates(body.members);
    const skipDuplicates = flag(ctx.query, 'skip_duplicate_check');
    if (dups.length > 0 && !skipDuplicates) {
      throw schemaInvalid([{ field: 'members', message: `Duplicate email addresses in the request: ${dups.join(', ')}` }]);
    }
    if (ctx.config.perMemberMs > 0) await sleep(ctx.config.perMemberMs * body.members.length);
    const opts = writeOptions(ctx);
    const created: unknown[] = [];
    const updated: unknown[] = [];
    const errors: RowError[] = [];
    const done = new Set<string>();
    for (const row of body.members) {
      const email = row.email_address ?? '';
      const key = email.trim().toLowerCase();
      if (done.has(key)) continue;
      done.add(key);
      try {
        checkAddress(list, email, opts);
        const existing = list.members.get(subscriberHash(email));
        if (existing && !body.update_existing) {
          const error = `${email} is already a list member, do you want to update? please provide update_existing:true in the request body`;
          errors.push({ email_address: email, error: localizeText(ctx.config.locale, error), error_code: 'ERROR_CONTACT_EXISTS' });
          continue;
        }
        // Batch subscribe has no marketing permissions field: whatever a row carries there is ignored.
        const input = { ...row, marketing_permissions: undefined };
        const m = writeMember(ctx.state, list, existing, { email, newStatus: row.status ?? row.status_if_new, setStatus: row.status, input }, opts);
        (existing ? updated : created).push(renderMember(list, m, ctx.base));
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
        errors.push(rowError(email, localizeError(ctx.config.locale, err)));
      }
    }
    return {
      status: 200,
      body: {
        new_members: created,
        updated_members: updated,
        errors,
        total_created: created.length,
        total_updated: updated.length,
        error_count: errors.length,
        _links: [link('self', `${ctx.base}/lists/${list.id}`, 'POST', 'Definitions/Lists/BatchPOST/Response.json')],
      },
    };
  },
};

import { assertBody, putMemberSchema } from './body-schema.js';
import { subscriberHash } from './ids.js';
import { archiveMember, checkAddress, findMember, forgetMember, writeMember, type MemberInput, type WriteOptions } from './member-ops.js';
import { invalidResource, notFound } from './problem.js';
import { flag, page } from './query.js';
import { collectionLinks, renderMember } from './render.js';
import { listOf, type Route, type RouteContext } from './router.js';
import type { RequestStatus, SimList, SimMember } from './types.js';

/** Options of a member write, from the request and the simulator's configuration. */
export function writeOptions(ctx: RouteContext): WriteOptions {
  return {
    fakeDomains: ctx.config.fakeDomains,
    overflow: ctx.config.textOverflow,
    skipMergeValidation: flag(ctx.query, 'skip_merge_validation'),
    now: ctx.now,
    review: ctx.config.review,
    deletedAsCompliance: ctx.config.deletedAsCompliance,
    tooManySignups: ctx.config.tooManySignups,
  };
}

function memberOf(ctx: RouteContext, list: SimList): SimMember {
  const m = findMember(list, ctx.params.subscriber_hash ?? '');
  if (!m) throw notFound();
  return m;
}

/** A date query parameter as epoch ms, or null when absent or unreadable. */
function dateParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  const ms = raw ? Date.parse(raw) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Members matching the query. Without `status`, archived members are left out (as the real list view
 * does). `since_last_changed` is inclusive (≥) at the API's one-second precision; `before_last_changed` is
 * exclusive.
 */
function filterMembers(list: SimList, query: URLSearchParams): SimMember[] {
  const status = query.get('status');
  const since = dateParam(query, 'since_last_changed');
  const before = dateParam(query, 'before_last_changed');
  const uid = query.get('unique_email_id');
  const vipOnly = flag(query, 'vip_only');
  const out: SimMember[] = [];
  for (const m of list.members.values()) {
    if (status ? m.status !== status : m.status === 'archived') continue;
    if (since !== null && m.last_changed < since) continue;
    if (before !== null && m.last_changed >= before) continue;
    if ((uid && m.unique_email_id !== uid) || (vipOnly && !m.vip)) continue;
    out.push(m);
  }
  const sortField = query.get('sort_field');
  if (sortField === 'last_changed' || sortField === 'timestamp_opt' || sortField === 'timestamp_signup') {
    const dir = query.get('sort_dir') === 'DESC' ? -1 : 1;
    const key = (m: SimMember) => (sortField === 'last_changed' ? m.last_changed : Date.parse(m[sortField]) || 0);
    out.sort((a, b) => (key(a) - key(b)) * dir);
  }
  return out;
}

type PutBody = MemberInput & { email_address: string; status_if_new: RequestStatus };

/** Members of an audience. */
export const memberRoutes: Route[] = [
  {
    method: 'GET',
    template: '/lists/{list_id}/members',
    handle: (ctx) => {
      const list = listOf(ctx);
      const all = filterMembers(list, ctx.query);
      return {
        status: 200,
        body: {
          members: page(all, ctx.query).map((m) => renderMember(list, m, ctx.base)),
          list_id: list.id,
          total_items: all.length,
          _links: collectionLinks(ctx.base, `/lists/${list.id}/members`, `/lists/${list.id}`, 'Lists/Members'),
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/lists/{list_id}/members/{subscriber_hash}',
    handle: (ctx) => {
      const list = listOf(ctx);
      return { status: 200, body: renderMember(list, memberOf(ctx, list), ctx.base) };
    },
  },
  {
    method: 'PUT',
    template: '/lists/{list_id}/members/{subscriber_hash}',
    handle: (ctx) => {
      const list = listOf(ctx);
      const body = assertBody<PutBody>(putMemberSchema, ctx.body);
      const opts = writeOptions(ctx);
      checkAddress(list, body.email_address, opts);
      const segment = ctx.params.subscriber_hash ?? '';
      const existing = findMember(list, segment);
      const pathHash = segment.includes('@') ? subscriberHash(segment) : segment.toLowerCase();
      if (!existing && pathHash !== subscriberHash(body.email_address)) {
        throw invalidResource('The subscriber hash in the URL does not match the email address in the request body.');
      }
      const write = { email: body.email_address, newStatus: body.status_if_new, setStatus: body.status, input: body };
      const m = writeMember(ctx.state, list, existing, write, opts);
      return { status: 200, body: renderMember(list, m, ctx.base) };
    },
  },
  {
    method: 'DELETE',
    template: '/lists/{list_id}/members/{subscriber_hash}',
    handle: (ctx) => {
      const list = listOf(ctx);
      archiveMember(list, memberOf(ctx, list), ctx.now);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    template: '/lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent',
    handle: (ctx) => {
      const list = listOf(ctx);
      forgetMember(list, memberOf(ctx, list));
      return { status: 204 };
    },
  },
];

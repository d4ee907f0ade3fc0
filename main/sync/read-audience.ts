import type { MailchimpApi, Member, MemberStatus } from '../mailchimp/mailchimp-api.js';
import type { MirrorStore } from './mirror-store.js';

/** Later of two Mailchimp timestamps (ISO 8601), either may be missing. */
export function laterIso(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The cursor for the next read: one second after the newest change we know of (the API's precision is one second). */
export function nextCursor(newest: string | null): string | null {
  if (!newest) return null;
  const ms = Date.parse(newest);
  return Number.isNaN(ms) ? null : new Date(ms + 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export type ReadResult = { members: number; newest: string | null; full: boolean };

/** A full read is forced when there is no cursor or the last one is older than this. */
export const FULL_READ_EVERY_MS = 7 * 24 * 3600 * 1000;

/**
 * Brings the audience mirror up to date. The first read (and one a week, or on request) reads every
 * member and drops mirrored ones that are gone (permanently deleted); later reads ask only for members
 * changed since the cursor (`since_last_changed`). Mailchimp leaves archived members out unless asked
 * by status, so they are read separately. Each page is stored as it arrives.
 */
export async function readAudience(api: MailchimpApi, listId: string, mirror: MirrorStore, opts: { full?: boolean; onPage?: (n: number) => void } = {}): Promise<ReadResult> {
  const cursor = mirror.cursor();
  const stale = !cursor.fullReadAt || Date.now() - Date.parse(cursor.fullReadAt) > FULL_READ_EVERY_MS;
  const full = opts.full === true || !cursor.since || stale;
  const since = full ? undefined : (cursor.since ?? undefined);
  let newest: string | null = null;
  let members = 0;
  const seen = new Set<string>();
  const onPage = (page: Member[]) => {
    mirror.putPage(page);
    for (const m of page) {
      newest = laterIso(newest, m.last_changed);
      if (full) seen.add(m.id);
    }
    members += page.length;
    opts.onPage?.(members);
  };
  const base = since ? { sinceLastChanged: since } : {};
  await Promise.all([api.listMembers(listId, { ...base, onPage }), api.listMembers(listId, { ...base, status: 'archived', onPage })]);
  if (full) mirror.sweep(seen);
  return { members, newest, full };
}

/** Statuses a run never writes: members that took them during the run were changed by someone else. */
const OTHER_STATUSES: MemberStatus[] = ['unsubscribed', 'cleaned', 'pending', 'transactional', 'archived'];

/**
 * After the writes: reads, by status, members that left `subscribed` since the run's read (someone
 * unsubscribed or was archived while we were writing). Our own writes are all `subscribed`, so this
 * costs a handful of requests even after writing 100,000 members.
 */
export async function readStatusChanges(api: MailchimpApi, listId: string, mirror: MirrorStore, since: string | null): Promise<void> {
  const onPage = (page: Member[]) => mirror.putPage(page);
  await Promise.all(OTHER_STATUSES.map((status) => api.listMembers(listId, { status, ...(since ? { sinceLastChanged: since } : {}), onPage })));
}

/**
 * Makes the next incremental read safe. Mailchimp's clock has one-second steps and the next read asks
 * for changes after the newest second we know of, so the run does not end before that second is over
 * (≤ 1 s): a change someone makes after the run then falls in a later second and is read next time.
 * Status changes others made while we were writing (an unsubscribe during the run) are read now, by
 * status, which leaves out the members we just wrote (all subscribed).
 */
export async function settleCursor(api: MailchimpApi, listId: string, mirror: MirrorStore, c: { newest: string | null; baseline: string | null; wrote: boolean }): Promise<void> {
  const wait = c.newest ? Date.parse(c.newest) + 1_000 + CLOCK_MARGIN_MS - Date.now() : 0;
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 2_000 + CLOCK_MARGIN_MS)));
  if (c.wrote || wait > 0) await readStatusChanges(api, listId, mirror, c.wrote ? c.baseline : c.newest);
}

/** Allowance for our clock being behind Mailchimp's when waiting for a second to pass. */
const CLOCK_MARGIN_MS = 250;


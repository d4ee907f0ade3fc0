import type { MailchimpApi, Member, MemberStatus } from '../mailchimp/mailchimp-api.js';
import type { MirrorStore } from './mirror-store.js';

/** Later of two Mailchimp timestamps (ISO 8601), either may be missing. */
export function laterIso(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The cursor for the next read: the newest change we know of ITSELF. Whether `since_last_changed` means
 * "at or after" or "strictly after", a change in that same second is then read next time; what comes
 * back twice is recognised (same `last_changed` as mirrored) and dropped.
 */
export function nextCursor(newest: string | null): string | null {
  if (!newest) return null;
  const ms = Date.parse(newest);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** A member that left `subscribed` in Mailchimp (someone unsubscribed, or it bounced) since the mirror last saw it. */
export type MailchimpChange = { hash: string; email: string; status: 'unsubscribed' | 'cleaned'; lastChanged: string | null };

export type ReadResult = { members: number; newest: string | null; full: boolean };

export type ReadOptions = {
  full?: boolean;
  onPage?: (n: number) => void;
  /** Members found unsubscribed or cleaned that the mirror knew with another status. */
  onChange?: (changes: MailchimpChange[]) => void;
};

/** A full read is forced when there is no cursor or the last one is older than this. */
export const FULL_READ_EVERY_MS = 7 * 24 * 3600 * 1000;

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && Date.parse(a) === Date.parse(b);

/** The mirror holds this very version of the member (same `last_changed` and status): read again only because the cursor is inclusive. */
function seenAlready(mirror: MirrorStore, m: Member): boolean {
  const known = mirror.get(m.id);
  return !!known && known.status === m.status && same(known.lastChanged, m.last_changed);
}

/**
 * Stores a page in the mirror: members read again at the cursor's own second that the mirror already
 * holds with the same `last_changed` are left out (de-duplicated), and members that left `subscribed`
 * since the mirror saw them are reported.
 */
function pageWriter(mirror: MirrorStore, since: string | null, onChange?: (changes: MailchimpChange[]) => void) {
  return (page: Member[]): Member[] => {
    const fresh = since ? page.filter((m) => !(same(m.last_changed, since) && seenAlready(mirror, m))) : page;
    if (onChange) {
      const changes: MailchimpChange[] = [];
      for (const m of fresh) {
        if (m.status !== 'unsubscribed' && m.status !== 'cleaned') continue;
        const before = mirror.get(m.id)?.status;
        if (before && before !== 'unsubscribed' && before !== 'cleaned') changes.push({ hash: m.id, email: m.email_address, status: m.status, lastChanged: m.last_changed ?? null });
      }
      if (changes.length > 0) onChange(changes);
    }
    mirror.putPage(fresh);
    return fresh;
  };
}

/**
 * Brings the audience mirror up to date. The first read (and one a week, or on request) reads every
 * member and drops mirrored ones that are gone (permanently deleted); later reads ask only for members
 * changed since the cursor (`since_last_changed`, inclusive of the cursor's second). Mailchimp leaves
 * archived members out unless asked by status, so they are read separately. Each page is stored as it
 * arrives.
 */
export async function readAudience(api: MailchimpApi, listId: string, mirror: MirrorStore, opts: ReadOptions = {}): Promise<ReadResult> {
  const cursor = mirror.cursor();
  const stale = !cursor.fullReadAt || Date.now() - Date.parse(cursor.fullReadAt) > FULL_READ_EVERY_MS;
  const full = opts.full === true || !cursor.since || stale;
  const since = full ? null : cursor.since;
  let newest: string | null = null;
  let members = 0;
  const seen = new Set<string>();
  const write = pageWriter(mirror, since, opts.onChange);
  const onPage = (page: Member[]) => {
    write(page);
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
export async function readStatusChanges(api: MailchimpApi, listId: string, mirror: MirrorStore, since: string | null, onChange?: (changes: MailchimpChange[]) => void): Promise<void> {
  const write = pageWriter(mirror, null, onChange);
  const onPage = (page: Member[]) => void write(page);
  await Promise.all(OTHER_STATUSES.map((status) => api.listMembers(listId, { status, ...(since ? { sinceLastChanged: since } : {}), onPage })));
}

/**
 * Before the run ends: status changes others made while we were writing (an unsubscribe during the run)
 * are read now, by status, which leaves out the members we just wrote (all subscribed). The next read
 * starts at the newest change seen (inclusive), so nothing waits for a second to pass.
 */
export async function settleCursor(
  api: MailchimpApi,
  listId: string,
  mirror: MirrorStore,
  c: { baseline: string | null; wrote: boolean; onChange?: (changes: MailchimpChange[]) => void },
): Promise<void> {
  if (c.wrote) await readStatusChanges(api, listId, mirror, c.baseline, c.onChange);
}

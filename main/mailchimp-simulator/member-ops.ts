import { emailProblem } from './email-rules.js';
import { isoSeconds, seededHex, subscriberHash, nextWebId, wholeSeconds } from './ids.js';
import { applyMergeFields, type TextOverflow } from './merge-values.js';
import { invalidResource, MERGE_DETAIL, schemaInvalid, SimError } from './problem.js';
import type { MemberStatus, RequestStatus, SimList, SimMember, SimState } from './types.js';

/** The member state machine of NOTES §6: creation, updates, status changes, archive and forget. */

export type MemberInput = {
  email_address?: string;
  email_type?: string;
  status?: RequestStatus;
  status_if_new?: RequestStatus;
  merge_fields?: Record<string, unknown>;
  interests?: Record<string, boolean>;
  language?: string;
  vip?: boolean;
  location?: { latitude?: number; longitude?: number };
  ip_signup?: string;
  timestamp_signup?: string;
  ip_opt?: string;
  timestamp_opt?: string;
  /** PUT only (batch subscribe has no such field): GDPR opt-ins by permission id. */
  marketing_permissions?: Array<{ marketing_permission_id?: string; enabled?: boolean }>;
};

export type WriteOptions = {
  fakeDomains: readonly string[];
  overflow: TextOverflow;
  skipMergeValidation: boolean;
  now: number;
  /** `--review`: a new member sent as `subscribed` is stored `pending`. */
  review?: boolean;
  /** A permanently deleted address answers "Member In Compliance State" (older accounts). */
  deletedAsCompliance?: boolean;
  /** Hashes of addresses that "signed up to a lot of lists very recently". */
  tooManySignups?: ReadonlySet<string>;
};

export type MemberWrite = {
  email: string;
  /** Status used when the address is new. */
  newStatus?: RequestStatus;
  /** Status set on an existing member (an archived one is re-added with this, else with `newStatus`). */
  setStatus?: RequestStatus;
  input: MemberInput;
};

/** 400 "Member In Compliance State". */
export function complianceError(email: string): SimError {
  return new SimError(
    400,
    'Member In Compliance State',
    `${email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`,
  );
}

/** 400 "Forgotten Email Not Subscribed". */
export function forgottenError(email: string): SimError {
  return new SimError(
    400,
    'Forgotten Email Not Subscribed',
    `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`,
  );
}

/** 400 for an address that "signed up to a lot of lists very recently": to be tried much later. */
export function tooManySignupsError(email: string): SimError {
  return invalidResource(`${email} has signed up to a lot of lists very recently; we're not allowing more signups for now`);
}

/** Refuses addresses Mailchimp refuses: malformed, fake-looking or permanently deleted. */
export function checkAddress(list: SimList, email: string, opts: Pick<WriteOptions, 'fakeDomains' | 'deletedAsCompliance'>): void {
  const problem = emailProblem(email, opts.fakeDomains);
  if (problem) throw invalidResource(problem);
  if (list.forgotten.has(subscriberHash(email))) throw opts.deletedAsCompliance ? complianceError(email) : forgottenError(email);
}

/** Finds a member by the path segment: subscriber hash or the raw (URL-decoded) address. */
export function findMember(list: SimList, segment: string): SimMember | undefined {
  const key = segment.includes('@') ? subscriberHash(segment) : segment.toLowerCase();
  return list.members.get(key);
}

function blankMember(state: SimState, email: string): SimMember {
  return {
    hash: subscriberHash(email),
    email_address: email,
    unique_email_id: seededHex(state.seed, 'ueid', email.toLowerCase()).slice(0, 10),
    contact_id: seededHex(state.seed, 'contact', email.toLowerCase()),
    web_id: nextWebId(state),
    email_type: 'html',
    status: 'pending',
    merge: {},
    interests: [],
    language: '',
    vip: false,
    ip_signup: '',
    timestamp_signup: '',
    ip_opt: '',
    timestamp_opt: '',
    latitude: 0,
    longitude: 0,
    last_changed: 0,
  };
}

/** Changes a status, refusing to subscribe an unsubscribed or cleaned (even archived) contact. */
function changeStatus(m: SimMember, wanted: RequestStatus, now: number): void {
  const effective: MemberStatus | undefined = m.status === 'archived' ? m.archived_from : m.status;
  if (wanted === 'subscribed' && (effective === 'unsubscribed' || effective === 'cleaned')) throw complianceError(m.email_address);
  if (m.status === wanted) return;
  m.status = wanted;
  delete m.archived_from;
  if (wanted === 'subscribed') m.timestamp_opt = isoSeconds(now);
  if (wanted === 'unsubscribed') m.unsubscribe_reason = 'N/A (Unsubscribed by an admin)';
  else delete m.unsubscribe_reason;
}

function applyInterests(list: SimList, current: string[], input: Record<string, boolean> | undefined): string[] {
  if (!input) return current;
  const known = new Set(list.interests.map((i) => i.id));
  const set = new Set(current);
  for (const [id, on] of Object.entries(input)) {
    if (!known.has(id)) throw invalidResource(`Invalid interest ID: '${id}'.`);
    if (on) set.add(id);
    else set.delete(id);
  }
  return [...set].sort();
}

/** GDPR opt-ins: unknown permission ids are refused; an audience without GDPR fields ignores them. */
function applyPermissions(list: SimList, current: string[] | undefined, input: MemberInput['marketing_permissions']): string[] | undefined {
  if (!list.marketing_permissions) return current;
  const set = new Set(current ?? []);
  const known = new Set(list.marketing_permissions.map((p) => p.id));
  for (const p of input ?? []) {
    const id = p.marketing_permission_id ?? '';
    if (!known.has(id)) throw invalidResource(`Invalid marketing permission ID: '${id}'.`);
    if (p.enabled) set.add(id);
    else set.delete(id);
  }
  return [...set].sort();
}

/** Everything a client can change, in a stable form: equal fingerprints mean a no-op write. */
function fingerprint(m: SimMember): string {
  const merge = Object.keys(m.merge)
    .sort()
    .map((k) => [k, m.merge[k]]);
  const { email_address, status, archived_from, email_type, language, vip, latitude, longitude } = m;
  const { ip_signup, timestamp_signup, ip_opt, timestamp_opt, unsubscribe_reason, interests, permissions } = m;
  return JSON.stringify([email_address, status, archived_from, merge, interests, permissions, email_type, language, vip, latitude, longitude, ip_signup, timestamp_signup, ip_opt, timestamp_opt, unsubscribe_reason]);
}

function applyScalars(m: SimMember, input: MemberInput): void {
  if (input.email_type !== undefined) m.email_type = input.email_type;
  if (input.language !== undefined) m.language = input.language;
  if (input.vip !== undefined) m.vip = input.vip;
  if (input.location?.latitude !== undefined) m.latitude = input.location.latitude;
  if (input.location?.longitude !== undefined) m.longitude = input.location.longitude;
  if (input.ip_signup !== undefined) m.ip_signup = input.ip_signup;
  if (input.timestamp_signup !== undefined) m.timestamp_signup = input.timestamp_signup;
  if (input.ip_opt !== undefined) m.ip_opt = input.ip_opt;
  if (input.timestamp_opt !== undefined) m.timestamp_opt = input.timestamp_opt;
}

/**
 * Creates or updates one member. All checks run on a copy, so a refused write leaves the state as it was;
 * `last_changed` moves only when something really changed. Returns the stored member.
 */
export function writeMember(state: SimState, list: SimList, existing: SimMember | undefined, w: MemberWrite, opts: WriteOptions): SimMember {
  const now = wholeSeconds(opts.now);
  const target: SimMember = existing ? { ...existing } : blankMember(state, w.email);
  const adding = !existing || existing.status === 'archived';
  let wanted = adding ? (w.setStatus ?? w.newStatus) : w.setStatus;
  if (!wanted && adding) {
    throw schemaInvalid([{ field: 'status', message: 'This value should not be blank.' }]);
  }
  const signingUp = (wanted === 'subscribed' || wanted === 'pending') && (adding || wanted !== existing?.status);
  if (signingUp && opts.tooManySignups?.has(subscriberHash(w.email))) throw tooManySignupsError(w.email);
  // An account under review holds new contacts as pending instead of subscribing them.
  if (!existing && wanted === 'subscribed' && opts.review) wanted = 'pending';
  if (existing && subscriberHash(w.email) !== existing.hash) {
    if (list.members.has(subscriberHash(w.email))) throw invalidResource(`${w.email} is already a list member.`);
    target.hash = subscriberHash(w.email);
  }
  target.email_address = w.email;
  if (wanted) changeStatus(target, wanted, now);
  const merged = applyMergeFields(list, target.merge, w.input.merge_fields, { overflow: opts.overflow, skipRequired: opts.skipMergeValidation });
  if (merged.schemaErrors.length > 0) throw schemaInvalid(merged.schemaErrors);
  if (merged.errors.length > 0) throw invalidResource(MERGE_DETAIL, merged.errors);
  target.merge = merged.values;
  target.interests = applyInterests(list, target.interests, w.input.interests);
  const permissions = applyPermissions(list, target.permissions, w.input.marketing_permissions);
  if (permissions) target.permissions = permissions;
  applyScalars(target, w.input);
  if (existing && fingerprint(target) === fingerprint(existing)) return existing;
  target.last_changed = now;
  if (existing && existing.hash !== target.hash) list.members.delete(existing.hash);
  list.members.set(target.hash, target);
  return target;
}

/** DELETE: archives a member; archived, pending and cleaned (bounced) members answer 405. */
export function archiveMember(list: SimList, m: SimMember, now: number): void {
  if (m.status === 'archived' || m.status === 'pending' || m.status === 'cleaned') {
    throw new SimError(405, 'Method Not Allowed', 'This list member cannot be removed. Can not archive a contact that is bounced, pending or archived', undefined, {
      Allow: 'GET, PUT',
    });
  }
  list.members.set(m.hash, { ...m, status: 'archived', archived_from: m.status, last_changed: wholeSeconds(now) });
}

/** `actions/delete-permanent`: removes the member and remembers the address so it can never come back. */
export function forgetMember(list: SimList, m: SimMember): void {
  list.members.delete(m.hash);
  list.forgotten.add(m.hash);
}

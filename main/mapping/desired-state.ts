import type { Client } from '../../shared/domain/client.js';
import { subscriberHash } from '../mailchimp/subscriber-hash.js';
import { combineTagValue, splitName, type ClientValueReader, type SourceSpec } from './merge-values.js';
import { truncateUtf8 } from './utf8-truncate.js';

/** A value cut to fit 255 bytes (RunItem.shortened). */
export type Shortened = { tag: string; originalBytes: number; sentValue: string };

/** Everything that decides what is sent for a client, resolved once per run from mappings and settings. */
export type SyncRules = {
  /** Mapped Barsy group → interest id (groups mapped to "don't sync" are absent). */
  groupInterest: ReadonlyMap<string, string>;
  /** Every interest the product manages (all mapped ones); interests not listed are never sent. */
  managedInterests: readonly string[];
  /** Merge tag → the sources mapped to it, in export order. */
  tagSources: ReadonlyMap<string, readonly SourceSpec[]>;
  /** Used when `name` has no mapping of its own: FNAME = first word, LNAME = rest (`rest` null: whole name). */
  implicitName: { first: string; rest: string | null } | null;
  readClient: ClientValueReader;
};

/** The member state an eligible client should have in Mailchimp (status is decided by the planner). */
export type DesiredMember = {
  email: string;
  hash: string;
  mergeFields: Record<string, string>;
  interests: Record<string, boolean>;
  shortened: Shortened[];
  /** The managed data as one string (merge values, then interests, in a fixed order), to compare with what was confirmed. */
  key: string;
};

/** Every merge value of a client before the 255-byte cut: the implicit name split, then explicit mappings (which win per tag). */
export function rawMergeValues(client: Client, rules: SyncRules): Record<string, string> {
  const raw: Record<string, string> = {};
  if (rules.implicitName) {
    const { first, rest } = rules.implicitName;
    if (rest === null) raw[first] = client.name.replace(/\s+/gu, ' ').trim();
    else {
      const parts = splitName(client.name);
      raw[first] = parts.first;
      raw[rest] = parts.rest;
    }
  }
  for (const [tag, sources] of rules.tagSources) raw[tag] = combineTagValue(client, sources, rules.readClient);
  return raw;
}

/** Computes the desired Mailchimp data of one eligible client (README "What is sent for each client"). */
export function desiredMember(client: Client, rules: SyncRules): DesiredMember {
  const raw = rawMergeValues(client, rules);
  const mergeFields: Record<string, string> = {};
  const shortened: Shortened[] = [];
  for (const [tag, value] of Object.entries(raw)) {
    const t = truncateUtf8(value);
    mergeFields[tag] = t.value;
    if (t.cut) shortened.push({ tag, originalBytes: t.originalBytes, sentValue: t.value });
  }

  const own = rules.groupInterest.get(client.group);
  const interests: Record<string, boolean> = {};
  for (const id of rules.managedInterests) interests[id] = id === own;

  const email = client.email.trim();
  return { email, hash: subscriberHash(email), mergeFields, interests, shortened, key: JSON.stringify([mergeFields, interests]) };
}

/** The member fields the planner compares (Mailchimp's view, from the mirror). */
export type KnownMember = {
  status: string;
  mergeFields: Record<string, unknown>;
  interests: Record<string, boolean>;
};

/** True when Mailchimp already holds exactly the desired values for every managed tag and interest. */
export function sameData(desired: Pick<DesiredMember, 'mergeFields' | 'interests'>, known: Pick<KnownMember, 'mergeFields' | 'interests'>): boolean {
  for (const [tag, value] of Object.entries(desired.mergeFields)) {
    const current = known.mergeFields[tag];
    const text = current === undefined || current === null ? '' : typeof current === 'string' ? current : String(current);
    if (text !== value) return false;
  }
  for (const [id, on] of Object.entries(desired.interests)) {
    if ((known.interests[id] ?? false) !== on) return false;
  }
  return true;
}

import { appError } from '../../shared/domain/app-error.js';
import type { Client, EligibilityReason } from '../../shared/domain/client.js';
import type { MemberStatus, Outcome, RemovalPolicy } from '../../shared/domain/sync.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { subscriberHash } from '../mailchimp/subscriber-hash.js';
import { desiredMember, sameData, type DesiredMember, type SyncRules } from '../mapping/desired-state.js';
import { HashTable } from './hash-table.js';
import type { MirrorIndex, MirrorStore } from './mirror-store.js';
import type { ItemAction, ItemRow } from '../runs/run-store.js';

export type Eligibility = { eligible: boolean; reasons: EligibilityReason[] };

/**
 * A client's row plus, for members that need a write, the data to send; for members found unchanged
 * by comparing data, what to record so the next run can skip the comparison (`confirm`).
 */
export type PlannedItem = ItemRow & { desired: DesiredMember | null; confirm: { key: string; lastChanged: string | null } | null };

/** A member that stopped being eligible, and what the removal policy does to it. */
export type PlannedRemoval = { hash: string; email: string; clientId: number | null; action: 'unsubscribe' | 'archive' };

/** What planning ends with, once every client is planned. */
export type PlanEnd = {
  removals: PlannedRemoval[];
  /** Members synced earlier whose client is no longer eligible (whatever the policy). */
  exMembers: number;
};

export type PlanInputs = {
  rules: SyncRules;
  eligibility: (client: Client) => Eligibility;
  mirror: MirrorStore;
  policy: RemovalPolicy;
  /** Clients already settled in this run (resume): not planned again. */
  settled: ReadonlySet<number>;
  /** Clients whose batch was in flight when the run stopped, with the action then planned. */
  inFlight: ReadonlyMap<number, ItemAction>;
  /** Removals already done in this run (resume). */
  removed: ReadonlySet<string>;
};

/** `audience_members.confirmed_key` of a member Mailchimp refused to subscribe (compliance state). */
export const REFUSED_KEY = 'refused';

/** What a write action reports when it succeeds. */
export function outcomeOfWrite(action: ItemAction): Outcome {
  return action === 'create' ? 'created' : 'updated';
}

/**
 * Decides what to do with one eligible client, given what Mailchimp holds (README "Status"): new →
 * create as subscribed; subscribed → update only if data differ; transactional/archived → update and
 * subscribe (the Barsy flag is the consent); unsubscribed/cleaned/pending → not touched (kept).
 */
export function decide(desired: DesiredMember, known: { status: MemberStatus; mergeFields: Record<string, unknown>; interests: Record<string, boolean> } | undefined, forgotten: boolean): { action: ItemAction; status: MemberStatus | null } {
  if (!known) return { action: forgotten ? 'fail' : 'create', status: null };
  const status = known.status;
  switch (status) {
    case 'subscribed':
      return { action: sameData(desired, known) ? 'unchanged' : 'update', status };
    case 'transactional':
    case 'archived':
      return { action: 'resubscribe', status };
    case 'unsubscribed':
    case 'cleaned':
    case 'pending':
      return { action: 'kept', status };
    default:
      return assertNever(status, 'member status');
  }
}

function settledOutcome(action: ItemAction, inFlight: ItemAction | undefined): Outcome | null {
  switch (action) {
    case 'unchanged':
      // The kill landed after Mailchimp applied our write: report what that write did.
      return inFlight && inFlight !== 'unchanged' ? outcomeOfWrite(inFlight) : 'unchanged';
    case 'kept':
      return 'keptStatus';
    case 'skip':
      return 'skipped';
    case 'fail':
      return 'failed';
    case 'create':
    case 'update':
    case 'resubscribe':
      return null;
    default:
      return assertNever(action, 'item action');
  }
}

/** One planned row, built as a plain literal (object spread per client is measurably slow at 100k). */
function item(
  c: Client,
  hash: string | null,
  action: ItemAction,
  outcome: Outcome | null,
  x: Partial<Pick<PlannedItem, 'reason' | 'memberStatus' | 'error' | 'shortened' | 'desired' | 'confirm'>>,
): PlannedItem {
  return {
    clientId: c.id,
    line: c.line,
    name: c.name,
    email: c.email,
    group: c.group,
    hash,
    action,
    outcome,
    reason: x.reason ?? null,
    memberStatus: x.memberStatus ?? null,
    error: x.error ?? null,
    shortened: x.shortened ?? [],
    desired: x.desired ?? null,
    confirm: x.confirm ?? null,
  };
}

/**
 * A planner fed clients chunk by chunk (the engine starts pushing the first chunk while it plans the
 * next), in export order; `finish` then gives the removals, which need every eligible client known.
 */
export function createPlanner(inp: PlanInputs) {
  let index: MirrorIndex = inp.mirror.lookup([]);
  // Every eligible member of the run, and the client of every other address: compact binary tables, not
  // strings, so a million clients cost tens of MB outside the heap.
  const eligibleHashes = new HashTable({ values: false });
  const clientByHash = new HashTable({ values: true });
  // Members a sync put in the audience before this run started: read now, when the audience is what
  // earlier runs left, because a member this run syncs comes from an eligible client and cannot be a
  // removal. Reading them after the run's writes meant scanning every member written meanwhile (at a
  // million members, seconds of a first sync).
  const syncedBefore = new HashTable({ values: false });
  for (const m of inp.mirror.syncedMembers()) syncedBefore.add(m.hash);

  /** `desiredOf` is the client's desired member when it is eligible, else null. */
  const planOne = (client: Client, verdict: Eligibility, desiredOf: DesiredMember | null): PlannedItem | null => {
    let desired: DesiredMember | null = null;
    let reason: EligibilityReason | null = verdict.reasons[0] ?? null;
    if (desiredOf) {
      desired = desiredOf;
      // Two clients with one address are one member: the importer marks duplicates; this is the safety net.
      if (!eligibleHashes.add(desired.hash)) {
        reason = 'duplicate_email';
        desired = null;
      }
    }
    const hash = desired?.hash ?? null;
    if (!desired && client.email.trim() !== '') clientByHash.set(subscriberHash(client.email), client.id);
    if (inp.settled.has(client.id)) return null;
    if (!desired) return item(client, hash, 'skip', 'skipped', { reason });
    const light = index.light(desired.hash);
    const state = index.state(desired.hash);
    // Fast path: Mailchimp confirmed exactly this data and nobody changed the member since (same last_changed).
    const confirmed = light?.status === 'subscribed' && light.lastChanged !== null && state.confirmedKey === desired.key && state.confirmedLastChanged === light.lastChanged;
    // Mailchimp refused to subscribe this member (compliance) and it has not changed since: still kept.
    const refused = light !== undefined && light.lastChanged !== null && state.confirmedKey === REFUSED_KEY && state.confirmedLastChanged === light.lastChanged;
    const { action, status } = confirmed
      ? { action: 'unchanged' as const, status: light.status }
      : refused
        ? { action: 'kept' as const, status: light.status }
        : decide(desired, light && inp.mirror.get(desired.hash), state.forgotten);
    const outcome = settledOutcome(action, inp.inFlight.get(client.id));
    const confirm = action === 'unchanged' && (!confirmed || !state.synced) ? { key: desired.key, lastChanged: light?.lastChanged ?? null } : null;
    return item(client, hash, action, outcome, {
      memberStatus: action === 'kept' ? status : null,
      error: action === 'fail' ? appError('mailchimp_forgotten_email', { email: desired.email }) : null,
      shortened: desired.shortened,
      desired: outcome === null ? desired : null,
      confirm,
    });
  };

  return {
    /** Plans a chunk of clients (rows only for clients not settled yet). */
    plan(clients: readonly Client[]): PlannedItem[] {
      // The chunk's members are looked up together, so only this chunk's part of the mirror is in memory.
      const verdicts = clients.map((c) => inp.eligibility(c));
      const desired = clients.map((c, i) => (verdicts[i]!.eligible ? desiredMember(c, inp.rules) : null));
      index = inp.mirror.lookup(desired.flatMap((d) => (d ? [d.hash] : [])));
      const items: PlannedItem[] = [];
      clients.forEach((c, i) => {
        const it = planOne(c, verdicts[i]!, desired[i] ?? null);
        if (it) items.push(it);
      });
      return items;
    },
    /** Members synced earlier whose client is no longer eligible, and what the policy does to them. */
    finish(): PlanEnd {
      const removals: PlannedRemoval[] = [];
      let exMembers = 0;
      for (const hash of syncedBefore.hashes()) {
        if (eligibleHashes.has(hash)) continue;
        exMembers += 1;
        if (inp.policy === 'leave' || inp.removed.has(hash)) continue;
        const known = inp.mirror.get(hash);
        if (!known) continue;
        const clientId = clientByHash.get(hash) ?? null;
        if (inp.policy === 'unsubscribe' && known.status === 'subscribed') removals.push({ hash, email: known.email, clientId, action: 'unsubscribe' });
        // Mailchimp refuses to archive pending and cleaned members (405); archived ones already are.
        if (inp.policy === 'archive' && ['subscribed', 'unsubscribed', 'transactional'].includes(known.status)) {
          removals.push({ hash, email: known.email, clientId, action: 'archive' });
        }
      }
      return { removals, exMembers };
    },
  };
}

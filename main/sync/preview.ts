import type { AppContext } from '../context/app-context.js';
import type { RunItem } from '../../shared/domain/sync.js';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc-contract.js';
import { listFieldMappings, listGroupMappings } from '../mapping/mapping-store.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { requireListId } from '../mapping/mailchimp-access.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { requireImportId } from '../import/current-import.js';
import { mirrorStore } from './mirror-store.js';
import { createPlanner, outcomeOfWrite, type Plan, type PlannedItem } from './plan.js';
import { syncSettings } from '../mapping/sync-settings.js';
import { clientPages, prepareSync } from './prepare.js';
import { isWriteAction } from './push.js';
import { readAudience } from './read-audience.js';

type Preview = { key: string; at: number; items: RunItem[]; removals: ResponseOf<'sync:preview'>['removals'] };

const cache = new WeakMap<AppContext, Preview>();
/** A preview is reused while the inputs are unchanged, for this long (paging through it must not re-read Mailchimp). */
const PREVIEW_TTL_MS = 60_000;
/** Clients planned at a time. */
const PAGE = 5_000;

function previewItems(plan: Plan): RunItem[] {
  const removalOf = new Map(plan.removals.flatMap((r) => (r.clientId === null ? [] : [[r.clientId, r.action === 'archive' ? 'archived' : 'unsubscribed'] as const])));
  return plan.items.map((it) => ({
    clientId: it.clientId,
    line: it.line,
    name: it.name,
    email: it.email,
    group: it.group,
    outcome: it.outcome ?? (isWriteAction(it.action) ? outcomeOfWrite(it.action) : null),
    reason: it.reason,
    memberStatus: it.memberStatus,
    error: it.error,
    shortened: it.shortened,
    removal: removalOf.get(it.clientId) ?? null,
  }));
}

/** What a sync would do now, without writing anything to Mailchimp: counts, removals and per-client rows. */
export async function previewSync(ctx: AppContext, req: ParsedRequestOf<'sync:preview'>): Promise<ResponseOf<'sync:preview'>> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const { policy, nameMode } = syncSettings(ctx);
  const key = JSON.stringify([listId, importId, policy, nameMode, listGroupMappings(ctx.db, listId), listFieldMappings(ctx.db, listId)]);
  let p = cache.get(ctx);
  if (!p || p.key !== key || Date.now() - p.at > PREVIEW_TTL_MS) {
    try {
      const api = await createMailchimpClientFromSettings(ctx);
      const prepared = await prepareSync(ctx, api, listId, importId);
      const mirror = mirrorStore(ctx.db, listId);
      await readAudience(api, listId, mirror);
      const planner = createPlanner({
        rules: prepared.rules,
        eligibility: prepared.eligibility,
        mirror,
        policy,
        settled: new Set(),
        inFlight: new Map(),
        removed: new Set(),
      });
      const items: PlannedItem[] = [];
      for (const page of clientPages(ctx, importId, PAGE)) for (const it of planner.plan(page)) items.push(it);
      const plan: Plan = { items, ...planner.finish() };
      p = { key, at: Date.now(), items: previewItems(plan), removals: { policy, count: policy === 'leave' ? plan.exMembers : plan.removals.length } };
      cache.set(ctx, p);
    } catch (err) {
      return rethrowAsAppFailure(err);
    }
  }
  const counts = { clients: p.items.length, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 };
  for (const it of p.items) {
    if (it.outcome !== 'skipped') counts.eligible += 1;
    if (it.outcome) counts[it.outcome] += 1;
  }
  const q = req.search?.trim().toLowerCase();
  const filtered = p.items.filter(
    (it) => (!req.outcome || it.outcome === req.outcome) && (!q || `${it.name}\n${it.email}\n${it.group}`.toLowerCase().includes(q)),
  );
  return { counts, removals: p.removals, total: filtered.length, items: filtered.slice(req.offset, req.offset + req.limit) };
}

/** Forgets the cached preview (after a run changed the audience). */
export function dropPreview(ctx: AppContext): void {
  cache.delete(ctx);
}

import type { AppContext } from '../context/app-context.js';
import type { RemovalPolicy, RunItem, SyncCounts } from '../../shared/domain/sync.js';
import type { Db } from '../db/open-database.js';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc-contract.js';
import { listFieldMappings, listGroupMappings } from '../mapping/mapping-store.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { requireListId } from '../mapping/mailchimp-access.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { requireImportId } from '../import/current-import.js';
import { mirrorStore } from './mirror-store.js';
import { createPlanner, outcomeOfWrite, type PlannedItem } from './plan.js';
import { syncSettings } from '../mapping/sync-settings.js';
import { clientPages, prepareSync } from './prepare.js';
import { isWriteAction } from './push.js';
import { readAudience } from './read-audience.js';

type Preview = { key: string; at: number; counts: SyncCounts; removals: ResponseOf<'sync:preview'>['removals'] };

const cache = new WeakMap<AppContext, Preview>();
/** A preview is reused while the inputs are unchanged, for this long (paging through it must not re-read Mailchimp). */
const PREVIEW_TTL_MS = 60_000;
/** Clients planned (and rows stored) at a time. */
const PAGE = 5_000;

/**
 * The preview's rows live in a TEMP table of the app's connection (gone when it closes, never in the
 * database file): a million-client preview is paged from SQLite like a run's rows, not held in memory.
 * `search` is the row's name, email and group lowercased in JavaScript (SQLite lowercases ASCII only).
 */
function previewTable(db: Db) {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS preview_items (seq INTEGER PRIMARY KEY, client_id INTEGER NOT NULL, outcome TEXT, search TEXT NOT NULL, row TEXT NOT NULL)');
  return {
    clear: () => db.exec('DELETE FROM temp.preview_items'),
    insert: db.prepare('INSERT INTO temp.preview_items (client_id, outcome, search, row) VALUES (?, ?, ?, ?)'),
    setRemoval: db.prepare("UPDATE temp.preview_items SET row = json_set(row, '$.removal', ?) WHERE client_id = ?"),
  };
}

function previewRow(it: PlannedItem): RunItem {
  return {
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
    removal: null,
  };
}

/** Plans the whole import page by page into the preview table; returns the counts and removals. */
async function buildPreview(ctx: AppContext, listId: string, importId: number, policy: RemovalPolicy): Promise<Omit<Preview, 'key' | 'at'>> {
  const api = await createMailchimpClientFromSettings(ctx);
  const prepared = await prepareSync(ctx, api, listId, importId);
  const mirror = mirrorStore(ctx.db, listId);
  await readAudience(api, listId, mirror);
  const planner = createPlanner({ rules: prepared.rules, eligibility: prepared.eligibility, mirror, policy, settled: new Set(), inFlight: new Map(), removed: new Set() });
  const table = previewTable(ctx.db);
  const counts: SyncCounts = { clients: 0, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 };
  table.clear();
  for (const page of clientPages(ctx, importId, PAGE)) {
    const rows = planner.plan(page).map(previewRow);
    ctx.db.transaction(() => {
      for (const r of rows) {
        counts.clients += 1;
        if (r.outcome !== 'skipped') counts.eligible += 1;
        if (r.outcome) counts[r.outcome] += 1;
        table.insert.run(r.clientId, r.outcome, `${r.name}\n${r.email}\n${r.group}`.toLowerCase(), JSON.stringify(r));
      }
    })();
  }
  const { removals, exMembers } = planner.finish();
  ctx.db.transaction(() => {
    for (const r of removals) if (r.clientId !== null) table.setRemoval.run(r.action === 'archive' ? 'archived' : 'unsubscribed', r.clientId);
  })();
  return { counts, removals: { policy, count: policy === 'leave' ? exMembers : removals.length } };
}

/** What a sync would do now, without writing anything to Mailchimp: counts, removals and a page of per-client rows. */
export async function previewSync(ctx: AppContext, req: ParsedRequestOf<'sync:preview'>): Promise<ResponseOf<'sync:preview'>> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const { policy, nameMode } = syncSettings(ctx);
  const key = JSON.stringify([listId, importId, policy, nameMode, listGroupMappings(ctx.db, listId), listFieldMappings(ctx.db, listId)]);
  let p = cache.get(ctx);
  if (!p || p.key !== key || Date.now() - p.at > PREVIEW_TTL_MS) {
    try {
      p = { key, at: Date.now(), ...(await buildPreview(ctx, listId, importId, policy)) };
      cache.set(ctx, p);
    } catch (err) {
      return rethrowAsAppFailure(err);
    }
  }
  const params = { outcome: req.outcome ?? null, q: req.search?.trim().toLowerCase() || null, limit: req.limit, offset: req.offset };
  const where = 'WHERE (@outcome IS NULL OR outcome = @outcome) AND (@q IS NULL OR instr(search, @q) > 0)';
  const total = ctx.db.prepare<[typeof params], { n: number }>(`SELECT COUNT(*) AS n FROM temp.preview_items ${where}`).get(params)!.n;
  const items = ctx.db
    .prepare<[typeof params], { row: string }>(`SELECT row FROM temp.preview_items ${where} ORDER BY seq LIMIT @limit OFFSET @offset`)
    .all(params)
    .map((r) => JSON.parse(r.row) as RunItem);
  return { counts: p.counts, removals: p.removals, total, items };
}

/** Forgets the cached preview (after a run changed the audience). */
export function dropPreview(ctx: AppContext): void {
  cache.delete(ctx);
}

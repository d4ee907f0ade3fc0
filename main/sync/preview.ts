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
import { clientCount, clientPages, prepareSync } from './prepare.js';
import { isWriteAction } from './push.js';
import { readAudience } from './read-audience.js';

type Removals = ResponseOf<'sync:preview'>['removals'];

/**
 * A preview being planned or planned: its rows go to the TEMP table page by page, in export order, so
 * the first rows can be shown long before a million clients are planned.
 */
type Preview = {
  key: string;
  at: number;
  /** Clients in the import: the number of rows the preview will have (counted once planning started). */
  clients: number;
  /** Rows planned and stored so far (in export order). */
  planned: number;
  counts: SyncCounts;
  /** Known once every client is planned. */
  removals: Removals | null;
  complete: boolean;
  error: unknown;
  /** Set when a newer preview replaced this one: it stops at its next page. */
  dropped: boolean;
  /** Resolves (never rejects) when the preview is complete, failed or dropped. */
  finished: Promise<void>;
  /** Callbacks waiting for more rows (called after every page). */
  waiting: Set<() => void>;
  /** Requests for this preview being answered now, and when the last one came or went. */
  asking: number;
  askedAt: number;
  /** When `preview:progress` last went out. */
  toldAt: number;
  /** Set while planning is paused because nobody asked for a while: continues it. */
  resume: (() => void) | null;
};

/**
 * Planning pauses between pages once nobody has asked for the preview for this long (the screen asks
 * again at every `preview:progress` event, at most every `progressEveryMs`): a million-client preview
 * left behind does not keep a core busy. The next request continues where it stopped. Tests shorten it.
 */
export const previewPacing = { idlePauseMs: 10_000, progressEveryMs: 500 };

/** Waits, between two pages, while nobody is asking; true when the preview was dropped meanwhile. */
async function pauseWhileIdle(p: Preview): Promise<boolean> {
  while (!p.dropped && p.asking === 0 && Date.now() - p.askedAt > previewPacing.idlePauseMs) {
    await new Promise<void>((resolve) => {
      p.resume = () => {
        p.resume = null;
        resolve();
      };
    });
  }
  return p.dropped;
}

/** Marks a request for the preview (or its end), waking a paused planning. */
function asked(p: Preview, delta: 1 | -1): void {
  p.asking += delta;
  p.askedAt = Date.now();
  p.resume?.();
}

/** Drops a preview: its planning stops at the next page (or now, if paused). */
function drop(p: Preview): void {
  p.dropped = true;
  p.resume?.();
}

const cache = new WeakMap<AppContext, Preview>();
/** A preview is reused while the inputs are unchanged, for this long (paging through it must not re-read Mailchimp). */
const PREVIEW_TTL_MS = 60_000;
/** Clients planned (and rows stored) at a time; the first page is smaller (its rows are shown first). */
const PAGE = 5_000;
const FIRST_PAGE = 250;

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

/**
 * Plans the whole import page by page into the preview table, letting other requests in between pages
 * (a page of the table can be answered while later clients are still being planned).
 */
async function buildPreview(ctx: AppContext, p: Preview, listId: string, importId: number, policy: RemovalPolicy): Promise<void> {
  const api = await createMailchimpClientFromSettings(ctx);
  const mirror = mirrorStore(ctx.db, listId);
  // Both are round trips to Mailchimp and independent (the preview writes nothing there): in parallel.
  const reads = Promise.all([prepareSync(ctx, api, listId, importId), readAudience(api, listId, mirror)]);
  // Counted while Mailchimp answers (a count of a million rows is not free).
  p.clients = clientCount(ctx, importId);
  const [prepared] = await reads;
  if (p.dropped) return;
  const planner = createPlanner({ rules: prepared.rules, eligibility: prepared.eligibility, mirror, policy, settled: new Set(), inFlight: new Map(), removed: new Set() });
  const table = previewTable(ctx.db);
  const { counts } = p;
  table.clear();
  // A small first page, so the table's first rows come after a few hundred clients, not thousands.
  for (const page of clientPages(ctx, importId, PAGE, FIRST_PAGE)) {
    const rows = planner.plan(page).map(previewRow);
    ctx.db.transaction(() => {
      for (const r of rows) {
        counts.clients += 1;
        if (r.outcome !== 'skipped') counts.eligible += 1;
        if (r.outcome) counts[r.outcome] += 1;
        table.insert.run(r.clientId, r.outcome, `${r.name}\n${r.email}\n${r.group}`.toLowerCase(), JSON.stringify(r));
      }
    })();
    p.planned += rows.length;
    for (const wake of p.waiting) wake();
    if (Date.now() - p.toldAt >= previewPacing.progressEveryMs) tell(ctx, p);
    // Between pages: requests for the rows planned so far are answered now, not after the last client.
    await new Promise((resolve) => setImmediate(resolve));
    if (await pauseWhileIdle(p)) return;
  }
  const { removals, exMembers } = planner.finish();
  ctx.db.transaction(() => {
    for (const r of removals) if (r.clientId !== null) table.setRemoval.run(r.action === 'archive' ? 'archived' : 'unsubscribed', r.clientId);
  })();
  p.removals = { policy, count: policy === 'leave' ? exMembers : removals.length };
  p.complete = true;
  // Reused for a while from now (paging and filtering must not plan again).
  p.at = Date.now();
}

/** Tells the screen the preview changed (`preview:progress`); it asks for the counts again. */
function tell(ctx: AppContext, p: Preview): void {
  p.toldAt = Date.now();
  ctx.events.emit('preview:progress', { planned: p.planned, clients: p.clients, complete: p.complete || p.error !== null });
}

/** The preview for these inputs: the one planned (or being planned) if still valid, else a new one started. */
function currentPreview(ctx: AppContext, key: string, start: (p: Preview) => Promise<void>): Preview {
  const old = cache.get(ctx);
  if (old && old.key === key && !old.error && (!old.complete || Date.now() - old.at <= PREVIEW_TTL_MS)) return old;
  if (old) drop(old);
  const p: Preview = {
    key,
    at: Date.now(),
    clients: 0,
    planned: 0,
    counts: { clients: 0, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 },
    removals: null,
    complete: false,
    error: null,
    dropped: false,
    finished: Promise.resolve(),
    waiting: new Set(),
    asking: 0,
    askedAt: Date.now(),
    toldAt: Date.now(),
    resume: null,
  };
  p.finished = start(p)
    .catch((err: unknown) => {
      p.error = err;
    })
    .finally(() => {
      for (const wake of p.waiting) wake();
      if (!p.dropped) tell(ctx, p);
    });
  cache.set(ctx, p);
  return p;
}

/** Waits until the preview has planned `rows` rows (or is finished). */
async function plannedUpTo(p: Preview, rows: number): Promise<void> {
  while (p.planned < rows && !p.complete && !p.error && !p.dropped) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        p.waiting.delete(wake);
        resolve();
      };
      p.waiting.add(wake);
    });
  }
}

/**
 * What a sync would do now, without writing anything to Mailchimp: counts, removals and a page of
 * per-client rows. With `progressive`, an unfiltered page is answered as soon as its rows are planned,
 * with the counts so far and `planning` (how far it got); otherwise once every client is planned.
 */
export async function previewSync(ctx: AppContext, req: ParsedRequestOf<'sync:preview'>): Promise<ResponseOf<'sync:preview'>> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const { policy, nameMode } = syncSettings(ctx);
  const key = JSON.stringify([listId, importId, policy, nameMode, listGroupMappings(ctx.db, listId), listFieldMappings(ctx.db, listId)]);
  const p = currentPreview(ctx, key, (pv) => buildPreview(ctx, pv, listId, importId, policy));
  const filtered = req.outcome !== undefined || (req.search?.trim() ?? '') !== '';
  asked(p, 1);
  try {
    if (req.progressive && !filtered) await plannedUpTo(p, req.offset + req.limit);
    else await p.finished;
  } finally {
    asked(p, -1);
  }
  if (p.error) {
    if (cache.get(ctx) === p) cache.delete(ctx);
    return rethrowAsAppFailure(p.error);
  }
  // A newer preview (the inputs changed meanwhile) owns the table now: answer from it.
  if (p.dropped) return previewSync(ctx, req);
  const params = { outcome: req.outcome ?? null, q: req.search?.trim().toLowerCase() || null, limit: req.limit, offset: req.offset };
  const where = 'WHERE (@outcome IS NULL OR outcome = @outcome) AND (@q IS NULL OR instr(search, @q) > 0)';
  // While planning, the whole table will hold one row per client: its size is known before it is full.
  const total = !p.complete
    ? p.clients
    : ctx.db.prepare<[typeof params], { n: number }>(`SELECT COUNT(*) AS n FROM temp.preview_items ${where}`).get(params)!.n;
  const items = ctx.db
    .prepare<[typeof params], { row: string }>(`SELECT row FROM temp.preview_items ${where} ORDER BY seq LIMIT @limit OFFSET @offset`)
    .all(params)
    .map((r) => JSON.parse(r.row) as RunItem);
  return {
    counts: { ...p.counts },
    removals: p.removals ?? { policy, count: 0 },
    total,
    items,
    ...(p.complete ? {} : { planning: { planned: p.planned, clients: p.clients } }),
  };
}

/** Forgets the cached preview (after a run changed the audience). */
export function dropPreview(ctx: AppContext): void {
  const p = cache.get(ctx);
  if (p) drop(p);
  cache.delete(ctx);
}

import { AppFailure } from '../../../shared/domain/app-error.js';
import type { HandlersFor } from '../handler-types.js';
import { autoMap, getMappings, setFieldMapping, setGroupMapping, tagExample } from '../../mapping/mapping-service.js';
import { startSync } from '../../sync/engine.js';
import { listRunSummaries, loadRunItems, loadRunSummary } from '../../sync/load-run.js';
import { dropPreview, previewSync } from '../../sync/preview.js';
import { activeIds, cancelActiveRun } from '../../sync/run-registry.js';
import { getRun, recoverStaleRuns } from '../../sync/run-store.js';

type C =
  | 'mapping:get'
  | 'mapping:setGroup'
  | 'mapping:setField'
  | 'mapping:auto'
  | 'mapping:examples'
  | 'sync:preview'
  | 'sync:start'
  | 'sync:cancel'
  | 'sync:resume'
  | 'runs:list'
  | 'runs:get';

/** Mapping, sync and run channels (main/sync/, main/mapping/). */
export const syncHandlers: HandlersFor<C> = {
  'mapping:get': (_req, ctx) => getMappings(ctx),
  'mapping:setGroup': async ({ barsyGroup, interestId }, ctx) => {
    await setGroupMapping(ctx, barsyGroup, interestId);
    return { ok: true as const };
  },
  'mapping:setField': async ({ source, tag }, ctx) => {
    await setFieldMapping(ctx, source, tag);
    return { ok: true as const };
  },
  'mapping:auto': (_req, ctx) => autoMap(ctx),
  'mapping:examples': ({ tag }, ctx) => tagExample(ctx, tag),
  'sync:preview': (req, ctx) => previewSync(ctx, req),
  'sync:start': async ({ dryRun }, ctx) => {
    dropPreview(ctx);
    const { runId, done } = await startSync(ctx, { dryRun });
    void done.then(() => dropPreview(ctx));
    return { runId };
  },
  'sync:cancel': ({ runId }, ctx) => {
    if (!cancelActiveRun(ctx, runId) && !getRun(ctx.db, runId)) throw new AppFailure('run_not_found', { runId });
    return { ok: true as const };
  },
  'sync:resume': async ({ runId }, ctx) => {
    recoverStaleRuns(ctx.db, activeIds(ctx));
    dropPreview(ctx);
    const started = await startSync(ctx, { dryRun: false, resumeRunId: runId });
    return { runId: started.runId };
  },
  'runs:list': (_req, ctx) => {
    recoverStaleRuns(ctx.db, activeIds(ctx));
    return listRunSummaries(ctx.db);
  },
  'runs:get': ({ runId, outcome, search, offset, limit }, ctx) => {
    recoverStaleRuns(ctx.db, activeIds(ctx));
    const { total, items } = loadRunItems(ctx.db, runId, { outcome, search, offset, limit });
    return { summary: loadRunSummary(ctx.db, runId), total, items };
  },
};

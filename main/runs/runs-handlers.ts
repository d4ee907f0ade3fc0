import type { HandlersFor } from '../context/handler-types.js';
import { listRunSummaries, loadRunItems, loadRunSummary } from './load-run.js';

/** Run history channels: the list of runs and one run's rows, paged and filtered. */
export const runsHandlers: HandlersFor<'runs:list' | 'runs:get'> = {
  'runs:list': (_req, ctx) => listRunSummaries(ctx.db),
  'runs:get': ({ runId, outcome, search, offset, limit }, ctx) => {
    const { total, items } = loadRunItems(ctx.db, runId, { outcome, search, offset, limit });
    return { summary: loadRunSummary(ctx.db, runId), total, items };
  },
};

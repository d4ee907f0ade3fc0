import type { HandlersFor } from '../context/handler-types.js';
import { cancelSync, resumeSync, startSyncFromUi } from './engine-calls.js';
import { previewSync } from './preview.js';

/** Sync channels: preview, start, cancel, resume. Each is one call into the engine. */
export const syncHandlers: HandlersFor<'sync:preview' | 'sync:start' | 'sync:cancel' | 'sync:resume'> = {
  'sync:preview': (req, ctx) => previewSync(ctx, req),
  'sync:start': ({ dryRun }, ctx) => startSyncFromUi(ctx, { dryRun }),
  'sync:cancel': ({ runId }, ctx) => {
    cancelSync(ctx, runId);
    return { ok: true as const };
  },
  'sync:resume': ({ runId }, ctx) => resumeSync(ctx, runId),
};

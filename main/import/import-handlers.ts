import type { HandlersFor } from '../context/handler-types.js';
import { queryClients } from './clients-query.js';
import { currentMappedGroups } from './import-summary.js';
import { requireImportId } from './current-import.js';
import { clearCache, currentImport, previewImport, runImport } from './import-service.js';

/** Import and client-list channels; `cache:clear` drops every import (and so the cached preview's inputs). */
export const importHandlers: HandlersFor<'import:preview' | 'import:run' | 'import:current' | 'clients:list' | 'cache:clear'> = {
  'import:preview': (req, ctx) => previewImport(ctx, req),
  'import:run': (req, ctx) => runImport(ctx, req),
  'import:current': (_req, ctx) => currentImport(ctx),
  'clients:list': (req, ctx) => queryClients(ctx.db, requireImportId(ctx.db), currentMappedGroups(ctx), req),
  'cache:clear': (_req, ctx) => {
    clearCache(ctx);
    return { ok: true as const };
  },
};

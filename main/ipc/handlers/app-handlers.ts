import type { HandlersFor } from '../handler-types.js';

/** App-level channels: version, paths, settings. */
export const appHandlers: HandlersFor<'app:info' | 'settings:get' | 'settings:set'> = {
  'app:info': (_req, ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, dbPath: ctx.dbPath, secretStorage: ctx.secretStorage }),
  'settings:get': (_req, ctx) => ctx.settings.view(),
  'settings:set': (req, ctx) => {
    ctx.settings.set(req.key, req.value);
    return ctx.settings.view();
  },
};

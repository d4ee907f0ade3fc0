import type { HandlersFor } from '../context/handler-types.js';

/**
 * App-level channels. They live here, not in `main/settings/`, because the settings store sits below the
 * context type that handlers receive.
 */
export const appHandlers: HandlersFor<'app:info'> = {
  'app:info': (_req, ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, dbPath: ctx.dbPath, secretStorage: ctx.secretStorage }),
};

/** Settings channels; a change is pushed as `settings:changed` so the shell's menus follow the language. */
export const settingsHandlers: HandlersFor<'settings:get' | 'settings:set'> = {
  'settings:get': (_req, ctx) => ctx.settings.view(),
  'settings:set': (req, ctx) => {
    ctx.settings.set(req.key, req.value);
    const view = ctx.settings.view();
    ctx.events.emit('settings:changed', view);
    return view;
  },
};

import type { HandlersFor } from '../handler-types.js';
import { notBuilt } from './not-built.js';

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

/** Mapping, sync and run channels. OWNER: main/sync/. */
export const syncHandlers: HandlersFor<C> = {
  'mapping:get': () => notBuilt('mapping:get'),
  'mapping:setGroup': () => notBuilt('mapping:setGroup'),
  'mapping:setField': () => notBuilt('mapping:setField'),
  'mapping:auto': () => notBuilt('mapping:auto'),
  'mapping:examples': () => notBuilt('mapping:examples'),
  'sync:preview': () => notBuilt('sync:preview'),
  'sync:start': () => notBuilt('sync:start'),
  'sync:cancel': () => notBuilt('sync:cancel'),
  'sync:resume': () => notBuilt('sync:resume'),
  'runs:list': () => notBuilt('runs:list'),
  'runs:get': () => notBuilt('runs:get'),
};

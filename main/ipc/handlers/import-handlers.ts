import type { HandlersFor } from '../handler-types.js';
import { notBuilt } from './not-built.js';

/** Import channels. OWNER: import domain (main/import/). */
export const importHandlers: HandlersFor<'import:preview' | 'import:run' | 'import:current' | 'clients:list' | 'cache:clear'> = {
  'import:preview': () => notBuilt('import:preview'),
  'import:run': () => notBuilt('import:run'),
  'import:current': () => notBuilt('import:current'),
  'clients:list': () => notBuilt('clients:list'),
  'cache:clear': () => notBuilt('cache:clear'),
};

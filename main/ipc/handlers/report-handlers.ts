import type { HandlersFor } from '../handler-types.js';
import { notBuilt } from './not-built.js';

/** Report and mail channels. OWNER: main/report/. */
export const reportHandlers: HandlersFor<'report:export' | 'report:resend' | 'smtp:presets' | 'smtp:test'> = {
  'report:export': () => notBuilt('report:export'),
  'report:resend': () => notBuilt('report:resend'),
  'smtp:presets': () => notBuilt('smtp:presets'),
  'smtp:test': () => notBuilt('smtp:test'),
};

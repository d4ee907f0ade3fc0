import type { HandlerMap } from '../context/handler-types.js';
import { importHandlers } from '../import/import-handlers.js';
import { mailchimpHandlers } from '../mailchimp/mailchimp-handlers.js';
import { mappingHandlers } from '../mapping/mapping-handlers.js';
import { reportHandlers } from '../report/report-handlers.js';
import { runsHandlers } from '../runs/runs-handlers.js';
import { scheduleHandlers } from '../schedule/schedule-handlers.js';
import { watchHandlers } from '../watch/watch-handlers.js';
import { syncHandlers } from '../sync/sync-handlers.js';
import { appHandlers, settingsHandlers } from './app-handlers.js';

/**
 * The one handler map, composed from the domains' maps (one per channel prefix, each living with its
 * domain). `satisfies HandlerMap` makes a channel missing from (or extra to) the contract a type error.
 */
export const handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...importHandlers,
  ...mailchimpHandlers,
  ...mappingHandlers,
  ...syncHandlers,
  ...runsHandlers,
  ...reportHandlers,
  ...scheduleHandlers,
  ...watchHandlers,
} satisfies HandlerMap;

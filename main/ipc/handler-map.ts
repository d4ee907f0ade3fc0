import type { HandlerMap } from './handler-types.js';
import { appHandlers } from './handlers/app-handlers.js';
import { importHandlers } from './handlers/import-handlers.js';
import { mailchimpHandlers } from './handlers/mailchimp-handlers.js';
import { reportHandlers } from './handlers/report-handlers.js';
import { syncHandlers } from './handlers/sync-handlers.js';

/**
 * The one handler map, composed from the domains. `satisfies HandlerMap` makes a channel missing
 * from (or extra to) the contract a type error.
 */
export const handlers = {
  ...appHandlers,
  ...importHandlers,
  ...mailchimpHandlers,
  ...syncHandlers,
  ...reportHandlers,
} satisfies HandlerMap;

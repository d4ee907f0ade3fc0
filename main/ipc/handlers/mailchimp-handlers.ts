import type { HandlersFor } from '../handler-types.js';
import { notBuilt } from './not-built.js';

type C =
  | 'mailchimp:connect'
  | 'mailchimp:demo'
  | 'mailchimp:audiences'
  | 'mailchimp:audience'
  | 'mailchimp:createInterest'
  | 'mailchimp:createCategory'
  | 'mailchimp:createMergeField';

/** Mailchimp account and audience channels. OWNER: main/mailchimp/. */
export const mailchimpHandlers: HandlersFor<C> = {
  'mailchimp:connect': () => notBuilt('mailchimp:connect'),
  'mailchimp:demo': () => notBuilt('mailchimp:demo'),
  'mailchimp:audiences': () => notBuilt('mailchimp:audiences'),
  'mailchimp:audience': () => notBuilt('mailchimp:audience'),
  'mailchimp:createInterest': () => notBuilt('mailchimp:createInterest'),
  'mailchimp:createCategory': () => notBuilt('mailchimp:createCategory'),
  'mailchimp:createMergeField': () => notBuilt('mailchimp:createMergeField'),
};

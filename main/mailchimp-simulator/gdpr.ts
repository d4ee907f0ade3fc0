import { nextId, subscriberHash } from './ids.js';
import type { SimState } from './types.js';

/**
 * `--gdpr`: the audience gets Mailchimp's three default marketing permissions (GDPR fields), as an EU
 * shop's audience has them. Members carry `marketing_permissions[]`; new ones start with every permission
 * off, which is why a sync must set the one Barsy's Maillist flag stands for.
 */
const PERMISSIONS = ['Имейл', 'Директна поща', 'Персонализирана онлайн реклама'];

/** A demo member who already opted in to email, so "existing members are untouched" can be seen. */
const OPTED_IN = 'ivan.petrov@abv.bg';

/** Gives every audience without them the default marketing permissions (ids derived from the seed). */
export function enableMarketingPermissions(state: SimState): void {
  for (const list of state.lists.values()) {
    if (list.marketing_permissions) continue;
    list.marketing_permissions = PERMISSIONS.map((text) => ({ id: nextId(state, 'permission'), text }));
    const member = list.members.get(subscriberHash(OPTED_IN));
    const email = list.marketing_permissions[0];
    if (member && email) member.permissions = [email.id];
  }
}

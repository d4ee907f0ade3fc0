import { isoSeconds } from './ids.js';
import type { SimCategory, SimInterest, SimList, SimMember, SimMergeField, SimState } from './types.js';

/** Turns stored records into the JSON the real API returns (field names, `""` for unset, `_links`). */

const SCHEMA_BASE = 'https://us1.api.mailchimp.com/schema/3.0';

type Link = { rel: string; href: string; method: string; targetSchema?: string; schema?: string };

/** One `_links` entry. */
export function link(rel: string, href: string, method: string, targetSchema?: string): Link {
  return targetSchema ? { rel, href, method, targetSchema: `${SCHEMA_BASE}/${targetSchema}` } : { rel, href, method };
}

/** Links of a collection: self and parent. */
export function collectionLinks(base: string, path: string, parentPath: string, schema: string): Link[] {
  return [link('self', `${base}${path}`, 'GET', `Definitions/${schema}/CollectionResponse.json`), link('parent', `${base}${parentPath}`, 'GET')];
}

/** A member as the API returns it. Interests list every interest of the audience with true/false. */
export function renderMember(list: SimList, m: SimMember, base: string): Record<string, unknown> {
  const merge: Record<string, unknown> = {};
  for (const f of list.merge_fields) merge[f.tag] = m.merge[f.tag] ?? '';
  const first = typeof m.merge.FNAME === 'string' ? m.merge.FNAME : '';
  const last = typeof m.merge.LNAME === 'string' ? m.merge.LNAME : '';
  const self = `${base}/lists/${list.id}/members/${m.hash}`;
  const out: Record<string, unknown> = {
    id: m.hash,
    email_address: m.email_address,
    unique_email_id: m.unique_email_id,
    contact_id: m.contact_id,
    full_name: `${first} ${last}`.trim(),
    web_id: m.web_id,
    email_type: m.email_type,
    status: m.status,
  };
  if (m.unsubscribe_reason) out.unsubscribe_reason = m.unsubscribe_reason;
  out.consents_to_one_to_one_messaging = true;
  out.merge_fields = merge;
  if (list.interests.length > 0) {
    const set = new Set(m.interests);
    out.interests = Object.fromEntries(list.interests.map((i) => [i.id, set.has(i.id)]));
  }
  Object.assign(out, {
    stats: { avg_open_rate: 0, avg_click_rate: 0 },
    ip_signup: m.ip_signup,
    timestamp_signup: m.timestamp_signup,
    ip_opt: m.ip_opt,
    timestamp_opt: m.timestamp_opt,
    member_rating: 2,
    last_changed: isoSeconds(m.last_changed),
    language: m.language,
    vip: m.vip,
    email_client: '',
    location: { latitude: m.latitude, longitude: m.longitude, gmtoff: 0, dstoff: 0, country_code: '', timezone: '', region: '' },
    ...(list.marketing_permissions ? { marketing_permissions: renderPermissions(list, m) } : {}),
    source: 'API - Generic',
    tags_count: 0,
    tags: [],
    list_id: list.id,
    _links: [
      link('self', self, 'GET', 'Definitions/Lists/Members/Response.json'),
      link('parent', `${base}/lists/${list.id}/members`, 'GET', 'Definitions/Lists/Members/CollectionResponse.json'),
      link('upsert', self, 'PUT', 'Definitions/Lists/Members/Response.json'),
      link('delete', self, 'DELETE'),
      link('delete_permanent', `${self}/actions/delete-permanent`, 'POST'),
    ],
  });
  return out;
}

/** A GDPR audience's member permissions: every permission of the audience with the member's choice. */
function renderPermissions(list: SimList, m: SimMember): Array<{ marketing_permission_id: string; text: string; enabled: boolean }> {
  const on = new Set(m.permissions ?? []);
  return (list.marketing_permissions ?? []).map((p) => ({ marketing_permission_id: p.id, text: p.text, enabled: on.has(p.id) }));
}

/** Member counts of an audience, computed in one pass. */
function listStats(list: SimList): Record<string, unknown> {
  const count = { subscribed: 0, unsubscribed: 0, cleaned: 0, pending: 0, transactional: 0, archived: 0 };
  let lastSub = 0;
  let lastUnsub = 0;
  for (const m of list.members.values()) {
    count[m.status] += 1;
    if (m.status === 'subscribed') lastSub = Math.max(lastSub, m.last_changed);
    if (m.status === 'unsubscribed') lastUnsub = Math.max(lastUnsub, m.last_changed);
  }
  return {
    member_count: count.subscribed,
    total_contacts: count.subscribed + count.unsubscribed + count.cleaned + count.pending + count.transactional,
    unsubscribe_count: count.unsubscribed,
    cleaned_count: count.cleaned,
    member_count_since_send: count.subscribed,
    unsubscribe_count_since_send: count.unsubscribed,
    cleaned_count_since_send: count.cleaned,
    campaign_count: 0,
    campaign_last_sent: '',
    merge_field_count: list.merge_fields.length,
    avg_sub_rate: 0,
    avg_unsub_rate: 0,
    target_sub_rate: 0,
    open_rate: 0,
    click_rate: 0,
    last_sub_date: lastSub ? isoSeconds(lastSub) : '',
    last_unsub_date: lastUnsub ? isoSeconds(lastUnsub) : '',
  };
}

/** An audience as `GET /lists/{id}` returns it. */
export function renderList(state: SimState, list: SimList, base: string): Record<string, unknown> {
  const u = state.account.account_id;
  return {
    id: list.id,
    web_id: list.web_id,
    name: list.name,
    contact: list.contact,
    permission_reminder: list.permission_reminder,
    use_archive_bar: false,
    campaign_defaults: { from_name: list.from_name, from_email: list.from_email, subject: '', language: 'bg' },
    notify_on_subscribe: '',
    notify_on_unsubscribe: '',
    date_created: list.date_created,
    list_rating: 0,
    email_type_option: false,
    subscribe_url_short: `http://eepurl.com/${list.id.slice(0, 6)}`,
    subscribe_url_long: `https://demo.us1.list-manage.com/subscribe?u=${u}&id=${list.id}`,
    beamer_address: `us1-${list.id}@inbound.mailchimp.com`,
    visibility: 'prv',
    double_optin: false,
    has_welcome: false,
    marketing_permissions: list.marketing_permissions !== undefined,
    modules: [],
    stats: listStats(list),
    _links: [
      link('self', `${base}/lists/${list.id}`, 'GET', 'Definitions/Lists/Response.json'),
      link('parent', `${base}/lists`, 'GET', 'Definitions/Lists/CollectionResponse.json'),
      link('members', `${base}/lists/${list.id}/members`, 'GET', 'Definitions/Lists/Members/CollectionResponse.json'),
      link('merge-fields', `${base}/lists/${list.id}/merge-fields`, 'GET', 'Definitions/Lists/MergeFields/CollectionResponse.json'),
      link('interest-categories', `${base}/lists/${list.id}/interest-categories`, 'GET', 'Definitions/Lists/InterestCategories/CollectionResponse.json'),
    ],
  };
}

/** A merge field. */
export function renderMergeField(list: SimList, f: SimMergeField, base: string): Record<string, unknown> {
  return { ...f, list_id: list.id, _links: [link('self', `${base}/lists/${list.id}/merge-fields/${f.merge_id}`, 'GET', 'Definitions/Lists/MergeFields/Response.json')] };
}

/** An interest category. */
export function renderCategory(list: SimList, c: SimCategory, base: string): Record<string, unknown> {
  const self = `${base}/lists/${list.id}/interest-categories/${c.id}`;
  return {
    list_id: list.id,
    id: c.id,
    title: c.title,
    display_order: c.display_order,
    type: c.type,
    _links: [link('self', self, 'GET', 'Definitions/Lists/InterestCategories/Response.json'), link('interests', `${self}/interests`, 'GET')],
  };
}

/** An interest; `subscriber_count` is a string, as Mailchimp sends it. */
export function renderInterest(list: SimList, i: SimInterest, subscribers: number, base: string): Record<string, unknown> {
  return {
    category_id: i.category_id,
    list_id: list.id,
    id: i.id,
    name: i.name,
    subscriber_count: String(subscribers),
    display_order: i.display_order,
    _links: [link('self', `${base}/lists/${list.id}/interest-categories/${i.category_id}/interests/${i.id}`, 'GET', 'Definitions/Lists/InterestCategories/Interests/Response.json')],
  };
}

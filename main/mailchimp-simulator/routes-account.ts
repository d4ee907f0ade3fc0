import { collectionLinks, link, renderList } from './render.js';
import { page } from './query.js';
import { listOf, type Route } from './router.js';

/** API root, ping and audiences. */
export const accountRoutes: Route[] = [
  {
    method: 'GET',
    template: '/',
    handle: ({ state, base }) => {
      const a = state.account;
      let subscribers = 0;
      for (const list of state.lists.values()) for (const m of list.members.values()) if (m.status === 'subscribed') subscribers += 1;
      return {
        status: 200,
        body: {
          account_id: a.account_id,
          login_id: a.login_id,
          account_name: a.account_name,
          email: a.email,
          first_name: a.first_name,
          last_name: a.last_name,
          username: a.username,
          avatar_url: '',
          role: 'owner',
          member_since: a.member_since,
          pricing_plan_type: 'forever_free',
          first_payment: '',
          account_timezone: 'Europe/Sofia',
          account_industry: 'Retail',
          contact: { company: a.account_name, addr1: 'ул. Витоша 1', addr2: '', city: 'София', state: '', zip: '1000', country: 'BG' },
          pro_enabled: false,
          last_login: a.member_since,
          total_subscribers: subscribers,
          industry_stats: { open_rate: 0, bounce_rate: 0, click_rate: 0 },
          _links: [link('self', `${base}/`, 'GET', 'Definitions/Root/Response.json'), link('lists', `${base}/lists`, 'GET')],
        },
      };
    },
  },
  { method: 'GET', template: '/ping', handle: () => ({ status: 200, body: { health_status: "Everything's Chimpy!" } }) },
  {
    method: 'GET',
    template: '/lists',
    handle: ({ state, query, base }) => {
      const all = [...state.lists.values()];
      return {
        status: 200,
        body: {
          lists: page(all, query).map((l) => renderList(state, l, base)),
          total_items: all.length,
          constraints: { may_create: false, max_instances: 1, current_total_instances: all.length },
          _links: collectionLinks(base, '/lists', '/', 'Lists'),
        },
      };
    },
  },
  { method: 'GET', template: '/lists/{list_id}', handle: (ctx) => ({ status: 200, body: renderList(ctx.state, listOf(ctx), ctx.base) }) },
];

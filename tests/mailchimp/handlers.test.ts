import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { pageOf, problem, startFakeServer, TEST_KEY, type FakeServer, type Seen } from '../helpers/mailchimp-fake-server.js';

let app: TempApp | undefined;
let server: FakeServer | undefined;
afterEach(async () => {
  await app?.cleanup();
  await server?.close();
  app = undefined;
  server = undefined;
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const fields = range(15).map((i) => ({ merge_id: i + 1, tag: i === 0 ? 'FNAME' : `F${i}`, name: `Field ${i}`, type: i === 3 ? 'number' : 'text', required: false }));
const categories = [
  { id: 'C1', title: 'Групи', type: 'checkboxes' },
  { id: 'C2', title: 'Други', type: 'checkboxes' },
];
const interests = (cat: string) => range(12).map((i) => ({ category_id: cat, id: `${cat}-i${i}`, name: `Група ${i}`, subscriber_count: String(i) }));

/** A read-only Mailchimp account that checks the key and pages like Mailchimp. */
function account(req: Seen) {
  if (req.auth !== `Basic ${Buffer.from(`user:${TEST_KEY}`).toString('base64')}`) return problem(401, 'API Key Invalid', 'Your API key may be invalid.');
  const p = req.path.replace('/3.0', '');
  if (p === '/ping') return { status: 200, body: { health_status: "Everything's Chimpy!" } };
  if (p === '/') return { status: 200, body: { account_id: 'a1', account_name: 'Barsy Demo' } };
  if (p === '/lists') return pageOf(req, 'lists', [{ id: 'L1', name: 'Клиенти', stats: { member_count: 42 } }]);
  if (p === '/lists/L1') return { status: 200, body: { id: 'L1', name: 'Клиенти', stats: { member_count: 42 } } };
  if (p === '/lists/L1/merge-fields' && req.method === 'GET') return pageOf(req, 'merge_fields', fields);
  if (p === '/lists/L1/merge-fields') {
    const b = req.body as { name: string; tag?: string; type: string };
    return { status: 200, body: { merge_id: 99, tag: b.tag ?? 'MMERGE16', name: b.name, type: b.type, required: false } };
  }
  if (p === '/lists/L1/interest-categories' && req.method === 'GET') return pageOf(req, 'categories', categories);
  if (p === '/lists/L1/interest-categories') return { status: 200, body: { id: 'C3', title: (req.body as { title: string }).title, type: 'checkboxes' } };
  const m = /^\/lists\/L1\/interest-categories\/(C\d)\/interests$/.exec(p);
  if (m && req.method === 'GET') return pageOf(req, 'interests', interests(m[1]!));
  if (m) return { status: 200, body: { category_id: m[1], id: 'new-i', name: (req.body as { name: string }).name, subscriber_count: '0' } };
  return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
}

async function connected() {
  server = await startFakeServer(account);
  app = createTempApp('barsy-mc-');
  const res = await app.dispatch('mailchimp:connect', { apiKey: TEST_KEY, baseUrl: server.baseUrl });
  expect(res.ok).toBe(true);
  return res;
}

describe('mailchimp handlers', () => {
  it('connect checks the key, returns account and audiences, and stores the settings', async () => {
    const res = await connected();
    expect(res).toEqual({ ok: true, value: { accountName: 'Barsy Demo', audiences: [{ id: 'L1', name: 'Клиенти', memberCount: 42 }] } });
    expect(app!.ctx.settings.get('mailchimp.apiKey')).toBe(TEST_KEY);
    expect(app!.ctx.settings.get('mailchimp.baseUrl')).toBe(server!.baseUrl);
    expect(server!.seen.map((s) => s.path)).toEqual(expect.arrayContaining(['/3.0/ping', '/3.0/', '/3.0/lists']));
  });

  it('remembers the account name, so the app shows it after a restart (settings:get)', async () => {
    await connected();
    const restarted = createAppContext({ dbPath: app!.ctx.dbPath });
    try {
      const view = await createDispatcher(handlers, restarted)('settings:get', {});
      expect(view).toMatchObject({ ok: true, value: { values: { 'mailchimp.accountName': 'Barsy Demo' } } });
    } finally {
      await restarted.close();
    }
    // A refused key leaves the name of the account that still works.
    await app!.dispatch('mailchimp:connect', { apiKey: 'ffffffffffffffffffffffffffffffff-us6', baseUrl: server!.baseUrl });
    expect(app!.ctx.settings.get('mailchimp.accountName')).toBe('Barsy Demo');
  });

  it('connect with a refused key reports mailchimp_auth and keeps the old settings', async () => {
    await connected();
    const wrong = 'ffffffffffffffffffffffffffffffff-us6';
    const res = await app!.dispatch('mailchimp:connect', { apiKey: wrong, baseUrl: server!.baseUrl });
    expect(res).toMatchObject({ ok: false, error: { code: 'mailchimp_auth' } });
    expect(JSON.stringify(res)).not.toContain(wrong);
    expect(app!.ctx.settings.get('mailchimp.apiKey')).toBe(TEST_KEY);
  });

  it('connect refuses a key without a data center before calling anyone', async () => {
    app = createTempApp('barsy-mc-');
    const res = await app.dispatch('mailchimp:connect', { apiKey: 'not a key' });
    expect(res).toMatchObject({ ok: false, error: { code: 'setting_invalid', params: { key: 'mailchimp.apiKey' } } });
  });

  it('channels that need an account say mailchimp_not_configured', async () => {
    app = createTempApp('barsy-mc-');
    for (const channel of ['mailchimp:audiences', 'mailchimp:audience'] as const) {
      expect(await app.dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'mailchimp_not_configured' } });
    }
  });

  it('audience returns every category with ALL interests and ALL merge fields', async () => {
    await connected();
    app!.ctx.settings.set('mailchimp.listId', 'L1');
    const res = await app!.dispatch('mailchimp:audience', {});
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const v = res.value as { audience: unknown; categories: Array<{ interests: unknown[] }>; mergeFields: Array<{ tag: string; type: string }> };
    expect(v.audience).toEqual({ id: 'L1', name: 'Клиенти', memberCount: 42 });
    expect(v.categories.map((c) => c.interests.length)).toEqual([12, 12]);
    expect(v.categories[0]!.interests[5]).toEqual({ id: 'C1-i5', name: 'Група 5', categoryId: 'C1', subscriberCount: 5 });
    expect(v.mergeFields).toHaveLength(15);
    expect(v.mergeFields[3]).toEqual({ tag: 'F3', name: 'Field 3', type: 'number', required: false });
  });

  it('an audience that disappeared reports mailchimp_not_found', async () => {
    await connected();
    app!.ctx.settings.set('mailchimp.listId', 'GONE');
    expect(await app!.dispatch('mailchimp:audience', {})).toMatchObject({ ok: false, error: { code: 'mailchimp_not_found' } });
  });

  it('creates a category, an interest and a TEXT merge field in the chosen audience', async () => {
    await connected();
    app!.ctx.settings.set('mailchimp.listId', 'L1');
    expect(await app!.dispatch('mailchimp:createCategory', { title: ' Barsy ' })).toEqual({ ok: true, value: { id: 'C3', title: 'Barsy', type: 'checkboxes', interests: [] } });
    expect(await app!.dispatch('mailchimp:createInterest', { categoryId: 'C1', name: 'VIP' })).toEqual({ ok: true, value: { id: 'new-i', name: 'VIP', categoryId: 'C1', subscriberCount: 0 } });
    expect(await app!.dispatch('mailchimp:createMergeField', { name: 'Карта', tag: 'card_no' })).toEqual({ ok: true, value: { tag: 'CARD_NO', name: 'Карта', type: 'text', required: false } });
    const posts = server!.seen.filter((s) => s.method === 'POST').map((s) => s.body);
    expect(posts).toEqual([{ title: 'Barsy', type: 'checkboxes' }, { name: 'VIP' }, { name: 'Карта', type: 'text', tag: 'CARD_NO' }]);
  });

  it('refuses an invalid merge tag without calling Mailchimp', async () => {
    await connected();
    app!.ctx.settings.set('mailchimp.listId', 'L1');
    const before = server!.seen.length;
    expect(await app!.dispatch('mailchimp:createMergeField', { name: 'X', tag: 'BAD-TAG' })).toMatchObject({ ok: false, error: { code: 'mapping_tag_invalid' } });
    expect(server!.seen.length).toBe(before);
  });
});

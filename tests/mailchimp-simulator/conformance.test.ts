import { describe, expect, it } from 'vitest';
import { specIndex, sharedTestSim } from '../helpers/simulator/sim-client.js';

/**
 * Every endpoint, on its success path and its typical errors, through the validating client: zero schema
 * violations in requests the simulator accepts and in every response it returns.
 */
const t = sharedTestSim();

const member = (email: string, extra: Record<string, unknown> = {}) => ({ email_address: email, status_if_new: 'subscribed', ...extra });

describe('schema conformance of the simulator', () => {
  it('the validator itself catches a wrong response and a wrong request (so a pass means something)', () => {
    const lists = specIndex().find('GET', '/lists');
    const put = specIndex().find('PUT', '/lists/abc/members/def');
    expect(lists && put).toBeTruthy();
    const response = specIndex().responseValidator(lists!, 200)!;
    expect(response({ lists: 'nope', total_items: 1 })).toBe(false);
    const request = specIndex().requestValidator(put!)!;
    expect(request({ email_address: 'a@b.bg' })).toBe(false);
    expect(request({ email_address: 'a@b.bg', status_if_new: 'subscribed', merge_fields: { FNAME: 'Ann' } })).toBe(true);
    expect(request({ email_address: 'a@b.bg', status_if_new: 'subscribed', interests: { x: 'yes' } })).toBe(false);
    const problem = specIndex().responseValidator(put!, 400)!;
    expect(problem({ title: 'x', status: 400 })).toBe(false);
  });

  it('root, ping, lists and one list', async () => {
    const root = await t.api.get('/');
    expect(root.body).toMatchObject({ account_name: 'Демо магазин ООД', account_id: expect.any(String), email: expect.any(String) });
    expect((await t.api.get('/ping')).body).toEqual({ health_status: "Everything's Chimpy!" });
    const lists = await t.api.get('/lists');
    expect(lists.body.lists).toHaveLength(1);
    expect(lists.body.total_items).toBe(1);
    const one = await t.api.get(t.list);
    expect(one.body).toMatchObject({ id: t.sim.listId, name: 'Демо аудитория' });
    expect(one.body.stats).toMatchObject({ member_count: 3, unsubscribe_count: 1, cleaned_count: 1, merge_field_count: 9 });
    expect((await t.api.get('/lists/nope')).status).toBe(404);
  });

  it('merge fields, interest categories and interests (GET and POST)', async () => {
    const fields = await t.api.get(`${t.list}/merge-fields`, { count: 1000 });
    expect(fields.body.merge_fields.map((f: { tag: string }) => f.tag)).toEqual(['FNAME', 'LNAME', 'ADDRESS', 'PHONE', 'BIRTHDAY', 'POINTS', 'REPRES', 'NOTE', 'MMERGE9']);
    const created = await t.api.post(`${t.list}/merge-fields`, { name: 'Град', type: 'text', tag: 'CITY' });
    expect(created.body).toMatchObject({ tag: 'CITY', type: 'text', list_id: t.sim.listId, merge_id: 10 });
    expect((await t.api.get(`${t.list}/merge-fields/10`)).body.tag).toBe('CITY');
    const cats = await t.api.get(`${t.list}/interest-categories`);
    expect(cats.body.categories.map((c: { title: string }) => c.title)).toEqual(['Клиентски групи', 'Бюлетин']);
    const cat = await t.api.post(`${t.list}/interest-categories`, { title: 'Обекти', type: 'checkboxes' });
    expect(cat.body).toMatchObject({ title: 'Обекти', type: 'checkboxes' });
    expect((await t.api.get(`${t.list}/interest-categories/${cat.body.id}`)).body.id).toBe(cat.body.id);
    const added = await t.api.post(`${t.list}/interest-categories/${cat.body.id}/interests`, { name: 'Пловдив' });
    expect(added.body).toMatchObject({ name: 'Пловдив', subscriber_count: '0', category_id: cat.body.id });
    const interests = await t.api.get(`${t.list}/interest-categories/${cats.body.categories[0].id}/interests`);
    expect(interests.body.interests.map((i: { name: string }) => i.name)).toEqual(['Редовни клиенти', 'VIP', 'Заведения', 'Фирми']);
    expect(interests.body.interests[0].subscriber_count).toBe('1');
  });

  it('members: list, get, upsert, archive, delete-permanent', async () => {
    const all = await t.api.get(`${t.list}/members`);
    expect(all.body.total_items).toBe(7);
    const put = await t.api.put(`${t.list}/members/ana@abv.bg`, member('ana@abv.bg', { merge_fields: { FNAME: 'Ана', POINTS: '12' } }));
    expect(put.body).toMatchObject({ email_address: 'ana@abv.bg', status: 'subscribed', merge_fields: { FNAME: 'Ана', POINTS: 12 } });
    expect((await t.api.get(`${t.list}/members/${put.body.id}`)).body.id).toBe(put.body.id);
    expect((await t.api.call('DELETE', `${t.list}/members/${put.body.id}`)).status).toBe(204);
    expect((await t.api.get(`${t.list}/members`, { status: 'archived' })).body.total_items).toBe(2);
    expect((await t.api.post(`${t.list}/members/${put.body.id}/actions/delete-permanent`)).status).toBe(204);
    expect((await t.api.get(`${t.list}/members/${put.body.id}`)).status).toBe(404);
  });

  it('batch subscribe with created, updated and refused rows', async () => {
    const res = await t.api.post(t.list, {
      members: [
        { email_address: 'b1@abv.bg', status: 'subscribed', merge_fields: { FNAME: 'Б1' } },
        { email_address: 'ivan.petrov@abv.bg', status: 'subscribed' },
        { email_address: 'fake@example.com', status: 'subscribed' },
      ],
      update_existing: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_created: 1, total_updated: 1, error_count: 1 });
  });

  it('error documents: 400, 401, 404, 405, 429 and JSON parse errors', async () => {
    expect((await t.api.put(`${t.list}/members/x@abv.bg`, { email_address: 'x@abv.bg' })).status).toBe(400);
    expect((await t.api.call('PUT', `${t.list}/members/x@abv.bg`, { rawBody: '{"email_address":' })).body.title).toBe('JSON Parse Error');
    expect((await t.api.call('GET', '/ping', { key: null })).status).toBe(401);
    expect((await t.api.call('GET', '/ping', { key: '0123456789abcdef0123456789abcdef-us1' })).status).toBe(401);
    expect((await t.api.get(`${t.list}/members/nobody@abv.bg`)).status).toBe(404);
    expect((await t.api.call('DELETE', `${t.list}/members/petar.nikolov@abv.bg`)).status).toBe(405);
    expect((await t.api.call('PATCH', '/ping')).status).toBe(405);
    t.sim.setFaults('GET /ping:429:1');
    expect((await t.api.get('/ping')).status).toBe(429);
    t.sim.setFaults('');
    expect(t.api.checked).toBeGreaterThan(5);
  });
});

describe('schema conformance with the field switches on (GDPR, review, German, batches, 403s)', () => {
  const f = sharedTestSim({ gdpr: true, review: true, locale: 'de', batchDelayMs: 0 });

  it('GDPR list and members, held and refused members, and the 403 variants', async () => {
    expect((await f.api.get(f.list)).body.marketing_permissions).toBe(true);
    const ivan = await f.api.get(`${f.list}/members/ivan.petrov@abv.bg`);
    const id = ivan.body.marketing_permissions[0].marketing_permission_id;
    const put = await f.api.put(`${f.list}/members/c1@abv.bg`, member('c1@abv.bg', { marketing_permissions: [{ marketing_permission_id: id, enabled: true }] }));
    expect(put.body).toMatchObject({ status: 'pending', marketing_permissions: [{ enabled: true }, { enabled: false }, { enabled: false }] });
    expect((await f.api.get(`${f.list}/members`, { count: 1000 })).body.total_items).toBe(8);
    expect((await f.api.put(`${f.list}/members/x@bar.com`, member('x@bar.com'))).body.errors[0].field).toBe('email address');
    const batch = await f.api.post(f.list, { members: [{ email_address: 'c2@abv.bg', status_if_new: 'subscribed' }, { email_address: 'a b@abv.bg', status: 'subscribed' }], update_existing: true });
    expect(batch.body).toMatchObject({ total_created: 1, error_count: 1 });
    f.sim.setFaults('GET /ping:403:1,GET /lists:403-disabled:1,GET /:403-key:1');
    expect((await f.api.get('/ping')).status).toBe(403);
    expect((await f.api.get('/lists')).status).toBe(403);
    expect((await f.api.get('/')).status).toBe(403);
    f.sim.setFaults('');
  });

  it('Batch Operations: start, poll, list, delete, 404', async () => {
    const op = { method: 'PUT', path: `${f.list}/members/c3@abv.bg`, operation_id: 'c3', body: JSON.stringify(member('c3@abv.bg')) };
    const started = await f.api.post('/batches', { operations: [op] });
    expect(started.status).toBe(200);
    let status = started.body;
    for (let i = 0; i < 100 && status.status !== 'finished'; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await f.api.get(`/batches/${started.body.id}`)).body;
    }
    expect(status).toMatchObject({ status: 'finished', total_operations: 1, finished_operations: 1, errored_operations: 0 });
    expect((await f.api.get('/batches')).body.total_items).toBe(1);
    expect((await f.api.call('DELETE', `/batches/${started.body.id}`)).status).toBe(204);
    expect((await f.api.get(`/batches/${started.body.id}`)).status).toBe(404);
    expect(f.api.checked).toBeGreaterThan(5);
  });
});

import { describe, expect, it } from 'vitest';
import { batchSubscribeResultSchema } from '../../main/mailchimp/schemas.js';

/** A slim answer's fields (the simulator honours `fields` on every route, this one too). */
const SLIM_FIELDS = ['id', 'email_address', 'status', 'last_changed'].flatMap((f) => [`new_members.${f}`, `updated_members.${f}`]).concat(['errors', 'total_created', 'total_updated', 'error_count']);
import { sharedTestSim } from '../helpers/simulator/sim-client.js';

/** Batch subscribe `POST /lists/{list_id}` (NOTES §7, §10.7). */
const t = sharedTestSim();

describe('batch subscribe', () => {
  it('answers 200 with per-row errors even when every row fails', async () => {
    const res = await t.api.post(t.list, {
      members: [
        { email_address: 'a@example.com', status: 'subscribed' },
        { email_address: 'стефан@abv.bg', status: 'subscribed' },
        { email_address: 'stefan.kolev@gmail.com', status: 'subscribed' },
        { email_address: 'nostatus@abv.bg' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_created: 0, total_updated: 0, error_count: 4 });
    expect(res.body.errors.map((e: { error: string }) => e.error)).toEqual([
      'a@example.com looks fake or invalid, please enter a real email address.',
      'Please provide a valid email address.',
      'stefan.kolev@gmail.com was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.',
      "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
    ]);
    expect(res.body.errors.every((e: { error_code: string }) => e.error_code === 'ERROR_GENERIC')).toBe(true);
  });

  it('reports existing members as ERROR_CONTACT_EXISTS without update_existing', async () => {
    const res = await t.api.post(t.list, { members: [{ email_address: 'ivan.petrov@abv.bg', status: 'unsubscribed' }] });
    expect(res.body.errors[0]).toMatchObject({ email_address: 'ivan.petrov@abv.bg', error_code: 'ERROR_CONTACT_EXISTS' });
    expect((await t.api.get(`${t.list}/members/ivan.petrov@abv.bg`)).body.status).toBe('subscribed');
  });

  it('changes existing members status with update_existing, except into a compliance state', async () => {
    const res = await t.api.post(t.list, {
      members: [
        { email_address: 'maria.ivanova@gmail.com', status: 'unsubscribed' },
        { email_address: 'georgi.dimitrov@abv.bg', status: 'subscribed' },
        { email_address: 'new.one@abv.bg', status: 'subscribed', merge_fields: { FNAME: 'Нова', POINTS: 'x' } },
      ],
      update_existing: true,
    });
    expect(res.body).toMatchObject({ total_created: 0, total_updated: 1, error_count: 2 });
    expect(res.body.updated_members[0]).toMatchObject({ email_address: 'maria.ivanova@gmail.com', status: 'unsubscribed' });
    expect(res.body.errors[0].error).toContain('is in a compliance state');
    expect(res.body.errors[1]).toMatchObject({ error: 'Your merge fields were invalid.', field: 'POINTS', field_message: 'Please enter a number' });
    const skip = await t.api.post(t.list, { members: [{ email_address: 'new.one@abv.bg', status: 'subscribed', interests: { bad1234567: true } }] });
    expect(skip.body.errors[0].error).toBe("Invalid interest ID: 'bad1234567'.");
  });

  it('refuses the whole request on duplicate addresses unless skip_duplicate_check (first one wins)', async () => {
    const members = [
      { email_address: 'dup@abv.bg', status: 'subscribed' },
      { email_address: 'DUP@abv.bg', status: 'unsubscribed' },
    ];
    const refused = await t.api.post(t.list, { members });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('members');
    expect((await t.api.get(`${t.list}/members/dup@abv.bg`)).status).toBe(404);
    const accepted = await t.api.post(t.list, { members }, { skip_duplicate_check: true });
    expect(accepted.body).toMatchObject({ total_created: 1, error_count: 0 });
    expect((await t.api.get(`${t.list}/members/dup@abv.bg`)).body.status).toBe('subscribed');
  });

  it('honours fields / exclude_fields on the answer', async () => {
    const members = [
      { email_address: 'fields.new@abv.bg', status: 'subscribed', merge_fields: { FNAME: 'Нов' } },
      { email_address: 'ivan.petrov@abv.bg', merge_fields: { FNAME: 'Иван' } },
      { email_address: 'fields@example.com', status: 'subscribed' },
      { email_address: 'fields.bad@abv.bg', status: 'subscribed', merge_fields: { POINTS: 'x' } },
    ];
    const slim = await t.api.post(t.list, { members, update_existing: true }, { fields: SLIM_FIELDS.join(',') });
    expect(slim.status).toBe(200);
    expect(Object.keys(slim.body).sort()).toEqual(['error_count', 'errors', 'new_members', 'total_created', 'total_updated', 'updated_members']);
    for (const m of [...slim.body.new_members, ...slim.body.updated_members]) expect(Object.keys(m).sort()).toEqual(['email_address', 'id', 'last_changed', 'status']);
    expect(slim.body.new_members[0]).toMatchObject({ email_address: 'fields.new@abv.bg', status: 'subscribed' });
    expect(slim.body.updated_members[0]).toMatchObject({ email_address: 'ivan.petrov@abv.bg', status: 'subscribed' });
    // Row errors stay whole: the engine classifies them by error, code and field.
    expect(slim.body.errors[1]).toEqual({ email_address: 'fields.bad@abv.bg', error: 'Your merge fields were invalid.', error_code: 'ERROR_GENERIC', field: 'POINTS', field_message: 'Please enter a number' });
    expect(slim.body).toMatchObject({ total_created: 1, total_updated: 1, error_count: 2 });
    expect(batchSubscribeResultSchema.safeParse(slim.body).success).toBe(true);
    // The full answer carries each member's whole record; the slim one is a fraction of it.
    const full = await t.api.post(t.list, { members: members.slice(0, 2), update_existing: true });
    expect(full.body.updated_members[0]).toHaveProperty('merge_fields');
    expect(JSON.stringify(slim.body.updated_members).length * 4).toBeLessThan(JSON.stringify(full.body.updated_members).length);

    const excluded = await t.api.post(t.list, { members: members.slice(0, 1), update_existing: true }, { exclude_fields: 'updated_members._links,updated_members.merge_fields,_links' });
    expect(excluded.body.updated_members[0]).not.toHaveProperty('merge_fields');
    expect(excluded.body.updated_members[0]).toHaveProperty('interests');
    expect(excluded.body).not.toHaveProperty('_links');
  });

  it('refuses more than 500 members', async () => {
    const members = Array.from({ length: 501 }, (_, i) => ({ email_address: `m${i}@abv.bg`, status: 'subscribed' }));
    const res = await t.api.post(t.list, { members });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('members');
  });

  it('processes 500 members quickly and scales to 100k members', async () => {
    const started = performance.now();
    let slowest = 0;
    for (let b = 0; b < 200; b += 1) {
      const members = Array.from({ length: 500 }, (_, i) => ({ email_address: `bulk${b * 500 + i}@abv.bg`, status: 'subscribed', merge_fields: { FNAME: `Име ${i}` } }));
      const t0 = performance.now();
      // Plain fetch: validating 100k rendered members against the schema would measure ajv, not the simulator.
      const res = await fetch(`${t.sim.baseUrl}/lists/${t.sim.listId}?fields=total_created,error_count`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`x:${t.sim.apiKey}`).toString('base64')}` },
        body: JSON.stringify({ members }),
      });
      expect(await res.json()).toEqual({ total_created: 500, error_count: 0 });
      slowest = Math.max(slowest, performance.now() - t0);
    }
    const total = performance.now() - started;
    const page = await t.api.get(`${t.list}/members`, { count: 1000, offset: 99_000, fields: 'total_items,members.email_address' });
    expect(page.body.total_items).toBeGreaterThan(100_000);
    expect(page.body.members).toHaveLength(1000);
    const one = await t.api.get(`${t.list}/members/bulk77777@abv.bg`);
    expect(one.body.merge_fields.FNAME).toBe('Име 277');
    // Generous bounds for a shared 2-core machine; typical figures are printed for the README.
    expect(slowest).toBeLessThan(2000);
    expect(total).toBeLessThan(60_000);
    process.stdout.write(`batch: 100k members in ${total.toFixed(0)} ms, slowest batch of 500 ${slowest.toFixed(0)} ms\n`);
  }, 120_000);
});

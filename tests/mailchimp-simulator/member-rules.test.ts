import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { subscriberHash } from '../../main/mailchimp-simulator/ids.js';
import { sharedTestSim, startTestSim } from '../helpers/simulator/sim-client.js';

/** The member state machine and value rules of NOTES §3, §4, §6 and §10. */
const t = sharedTestSim();

const put = (email: string, body: Record<string, unknown> = {}, query?: Record<string, string | boolean>) =>
  t.api.put(`${t.list}/members/${subscriberHash(email)}`, { email_address: email, status_if_new: 'subscribed', ...body }, query);

describe('member statuses', () => {
  it('refuses to subscribe an unsubscribed or cleaned member: Member In Compliance State', async () => {
    for (const email of ['georgi.dimitrov@abv.bg', 'elena.stoyanova@gmail.com']) {
      const res = await put(email, { status: 'subscribed' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        title: 'Member In Compliance State',
        detail: `${email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`,
      });
    }
    // status_if_new is ignored for an existing address: no error, and the status stays.
    expect((await put('georgi.dimitrov@abv.bg')).body.status).toBe('unsubscribed');
    // pending (double opt-in) is the allowed way back.
    expect((await put('georgi.dimitrov@abv.bg', { status: 'pending' })).body.status).toBe('pending');
  });

  it('refuses to re-add a permanently deleted address, with any status: Forgotten Email Not Subscribed', async () => {
    for (const status of ['subscribed', 'pending']) {
      const res = await put('stefan.kolev@gmail.com', { status_if_new: status });
      expect(res.status).toBe(400);
      expect(res.body.title).toBe('Forgotten Email Not Subscribed');
      expect(res.body.detail).toBe('stefan.kolev@gmail.com was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.');
    }
    await put('gone@abv.bg');
    expect((await t.api.post(`${t.list}/members/gone@abv.bg/actions/delete-permanent`)).status).toBe(204);
    expect((await put('GONE@abv.bg')).body.title).toBe('Forgotten Email Not Subscribed');
    expect((await t.api.post(`${t.list}/members/gone@abv.bg/actions/delete-permanent`)).status).toBe(404);
  });

  it('archives with DELETE; archived, pending and cleaned answer 405 with Allow; unknown answers 404', async () => {
    await put('arch@abv.bg');
    expect((await t.api.call('DELETE', `${t.list}/members/arch@abv.bg`)).status).toBe(204);
    expect((await t.api.get(`${t.list}/members/arch@abv.bg`)).body.status).toBe('archived');
    for (const email of ['arch@abv.bg', 'petar.nikolov@abv.bg', 'elena.stoyanova@gmail.com']) {
      const res = await t.api.call('DELETE', `${t.list}/members/${email}`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, PUT');
      expect(res.body.title).toBe('Method Not Allowed');
    }
    const missing = await t.api.call('DELETE', `${t.list}/members/nobody@abv.bg`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ title: 'Resource Not Found', detail: 'The requested resource could not be found.' });
    // PUT re-adds an archived member.
    expect((await put('arch@abv.bg')).body.status).toBe('subscribed');
  });

  it('keeps an archived unsubscribe in compliance state', async () => {
    await put('arch-unsub@abv.bg', { status_if_new: 'unsubscribed' });
    await t.api.call('DELETE', `${t.list}/members/arch-unsub@abv.bg`);
    expect((await put('arch-unsub@abv.bg')).body.title).toBe('Member In Compliance State');
  });

  it('creates with status_if_new, changes with status, and accepts the raw address in the path', async () => {
    const created = await t.api.put(`${t.list}/members/New.Person@abv.bg`, { email_address: 'New.Person@abv.bg', status_if_new: 'transactional' });
    expect(created.body).toMatchObject({ status: 'transactional', id: subscriberHash('new.person@abv.bg') });
    expect((await put('new.person@abv.bg', { status: 'unsubscribed' })).body).toMatchObject({ status: 'unsubscribed', unsubscribe_reason: expect.any(String) });
    const mismatch = await t.api.put(`${t.list}/members/${subscriberHash('a@abv.bg')}`, { email_address: 'b@abv.bg', status_if_new: 'subscribed' });
    expect(mismatch.status).toBe(400);
  });
});

describe('address checks', () => {
  it('refuses fake-looking domains with Mailchimp text', async () => {
    for (const email of ['someone@example.com', 'ivan@gmail.vom']) {
      const res = await put(email);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ title: 'Invalid Resource', detail: `${email} looks fake or invalid, please enter a real email address.` });
    }
  });

  it('refuses non-ASCII before the @ but accepts an internationalised domain', async () => {
    const res = await put('иван@abv.bg');
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Please provide a valid email address.');
    expect((await put('ivan@пример.бг')).status).toBe(200);
    expect((await put('two@@abv.bg')).body.detail).toBe('An email address must contain a single @.');
  });

  it('uses the configured fake-domain list', async () => {
    const own = await startTestSim({ fakeDomains: ['abv.bg'] });
    try {
      expect((await own.api.put(`${own.list}/members/x@abv.bg`, { email_address: 'x@abv.bg', status_if_new: 'subscribed' })).status).toBe(400);
      expect((await own.api.put(`${own.list}/members/x@example.com`, { email_address: 'x@example.com', status_if_new: 'subscribed' })).status).toBe(200);
      expect(own.api.violations).toEqual([]);
    } finally {
      await own.sim.close();
    }
  });
});

describe('merge fields and interests on members', () => {
  it('clips text values to 255 UTF-8 bytes at a character boundary (Cyrillic: 127 letters)', async () => {
    const long = 'я'.repeat(200);
    const res = await put('clip@abv.bg', { merge_fields: { NOTE: long, FNAME: `a${'б'.repeat(200)}` } });
    expect(res.status).toBe(200);
    expect(res.body.merge_fields.NOTE).toBe('я'.repeat(127));
    expect(Buffer.byteLength(res.body.merge_fields.NOTE)).toBe(254);
    expect(res.body.merge_fields.FNAME).toBe(`a${'б'.repeat(127)}`);
    expect(Buffer.byteLength(res.body.merge_fields.FNAME)).toBe(255);
  });

  it('rejects instead of clipping when configured', async () => {
    const own = await startTestSim({ textOverflow: 'reject' });
    try {
      const res = await own.api.put(`${own.list}/members/x@abv.bg`, { email_address: 'x@abv.bg', status_if_new: 'subscribed', merge_fields: { NOTE: 'я'.repeat(128) } });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('Your merge fields were invalid.');
      expect(res.body.errors[0].field).toBe('NOTE');
      expect(own.api.violations).toEqual([]);
    } finally {
      await own.sim.close();
    }
  });

  it('validates merge values by JSON type and field type', async () => {
    const bad = await put('merge@abv.bg', { merge_fields: { POINTS: 'много' } });
    expect(bad.body).toMatchObject({ status: 400, detail: 'Your merge fields were invalid.', errors: [{ field: 'POINTS', message: 'Please enter a number' }] });
    const wrongType = await put('merge@abv.bg', { merge_fields: { FNAME: ['x'] } });
    expect(wrongType.body.errors).toEqual([{ field: 'merge_fields.FNAME', message: 'Data did not match any of the schemas described in anyOf.' }]);
    const arrayBody = await put('merge@abv.bg', { merge_fields: [] });
    expect(arrayBody.body.errors[0].message).toBe('Schema describes object, array found instead');
  });

  it('requires required merge fields unless skip_merge_validation', async () => {
    const own = await startTestSim({ seedDemo: false });
    try {
      await own.api.post(`${own.list}/merge-fields`, { name: 'Задължително', type: 'text', tag: 'MUST', required: true });
      const ownPut = (email: string, body: Record<string, unknown>, query?: Record<string, boolean>) =>
        own.api.put(`${own.list}/members/${email}`, { email_address: email, status_if_new: 'subscribed', ...body }, query);
      const missing = await ownPut('merge@abv.bg', {});
      expect(missing.body.errors).toEqual([{ field: 'MUST', message: 'Please enter a value' }]);
      expect((await ownPut('merge@abv.bg', {}, { skip_merge_validation: true })).status).toBe(200);
      expect((await ownPut('merge2@abv.bg', { merge_fields: { MUST: 'да' } })).status).toBe(200);
      expect((await ownPut('merge2@abv.bg', { merge_fields: { MUST: '' } })).body.errors).toEqual([{ field: 'MUST', message: 'Please enter a value' }]);
      expect(own.api.violations).toEqual([]);
    } finally {
      await own.sim.close();
    }
  });

  it('refuses an unknown interest id and stores known ones', async () => {
    const res = await put('groups@abv.bg', { interests: { c06bb4b529: true } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ title: 'Invalid Resource', detail: "Invalid interest ID: 'c06bb4b529'." });
    const cats = await t.api.get(`${t.list}/interest-categories`);
    const interests = await t.api.get(`${t.list}/interest-categories/${cats.body.categories[0].id}/interests`);
    const vip = interests.body.interests.find((i: { name: string }) => i.name === 'VIP').id;
    const ok = await put('groups@abv.bg', { interests: { [vip]: true } });
    expect(ok.body.interests[vip]).toBe(true);
    expect(Object.keys(ok.body.interests)).toHaveLength(7);
  });
});

describe('last_changed and listing', () => {
  it('moves last_changed on a real change only, and since_last_changed finds it', async () => {
    const first = await put('lc@abv.bg', { merge_fields: { FNAME: 'Лъчезар' } });
    await sleep(1100);
    const same = await put('lc@abv.bg', { merge_fields: { FNAME: 'Лъчезар' } });
    expect(same.body.last_changed).toBe(first.body.last_changed);
    const boundary = new Date().toISOString();
    await sleep(1100);
    const changed = await put('lc@abv.bg', { merge_fields: { FNAME: 'Лъчо' } });
    expect(changed.body.last_changed > first.body.last_changed).toBe(true);
    const since = await t.api.get(`${t.list}/members`, { since_last_changed: boundary, count: 1000 });
    expect(since.body.members.map((m: { email_address: string }) => m.email_address)).toEqual(['lc@abv.bg']);
    const inclusive = await t.api.get(`${t.list}/members`, { since_last_changed: changed.body.last_changed });
    expect(inclusive.body.total_items).toBe(1);
  });

  it('filters by status and trims with fields / exclude_fields', async () => {
    const unsub = await t.api.get(`${t.list}/members`, { status: 'cleaned', fields: 'members.email_address,total_items' });
    expect(unsub.body).toEqual({ members: [{ email_address: 'elena.stoyanova@gmail.com' }], total_items: 1 });
    const slim = await t.api.get(`${t.list}/members/ivan.petrov@abv.bg`, { exclude_fields: '_links,merge_fields,interests' });
    expect(slim.body.email_address).toBe('ivan.petrov@abv.bg');
    expect(slim.body).not.toHaveProperty('_links');
    expect(slim.body).not.toHaveProperty('merge_fields');
  });
});

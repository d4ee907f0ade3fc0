import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../main/mailchimp-simulator/index.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { SimClient, startTestSim, type TestSim } from '../helpers/simulator/sim-client.js';

/**
 * The real service's field behaviour as simulator switches (issue 12), over real HTTP through the
 * validating client: every exchange must still fit Mailchimp's schemas (violations asserted empty).
 */
const running: TestSim[] = [];
async function sim(opts: Parameters<typeof startTestSim>[0] = {}): Promise<TestSim> {
  const t = await startTestSim(opts);
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0)) {
    expect(t.api.violations).toEqual([]);
    await t.sim.close();
  }
});

const put = (email: string, extra: Record<string, unknown> = {}) => ({ email_address: email, status_if_new: 'subscribed', ...extra });
const rows = (emails: string[]) => ({ members: emails.map((e) => ({ email_address: e, status: 'subscribed' })), update_existing: true });

describe('member-targeted faults', () => {
  it('answers 500 to every batch that carries the address, and only to those', async () => {
    const t = await sim({ faults: 'POST /lists/*:500@Bad.Row@abv.bg' });
    for (let i = 0; i < 3; i += 1) {
      const res = await t.api.post(t.list, rows([`ok${i}@abv.bg`, 'bad.row@abv.bg']));
      expect(res.status).toBe(500);
    }
    const clean = await t.api.post(t.list, rows(['ok0@abv.bg', 'ok1@abv.bg']));
    expect(clean.status).toBe(200);
    expect(clean.body.total_created).toBe(2);
    // The faulted batches touched nothing: ok2 was only ever in a batch with the bad address.
    expect((await t.api.get(`${t.list}/members/ok2@abv.bg`)).status).toBe(404);
    // Other routes with the address are not targeted by a POST rule.
    expect((await t.api.put(`${t.list}/members/bad.row@abv.bg`, put('bad.row@abv.bg'))).status).toBe(200);
    expect(t.sim.stats().faults).toBe(3);
  });

  it('matches member paths by address or hash, other kinds take @EMAIL, and a rate still applies', async () => {
    const t = await sim({ faults: 'PUT /lists/*/members/*:403-disabled@x@abv.bg,GET /lists/*/members/*:503@x@abv.bg:0' });
    const byEmail = await t.api.put(`${t.list}/members/x@abv.bg`, put('x@abv.bg'));
    expect(byEmail.body).toMatchObject({ status: 403, title: 'User Disabled', detail: 'This account has been disabled.' });
    expect((await t.api.put(`${t.list}/members/${subscriberHash('x@abv.bg')}`, put('x@abv.bg'))).status).toBe(403);
    expect((await t.api.put(`${t.list}/members/y@abv.bg`, put('y@abv.bg'))).status).toBe(200);
    expect((await t.api.get(`${t.list}/members/x@abv.bg`)).status).toBe(404);
  });

  it('a rule on POST /batches refuses the batches whose operations carry the address', async () => {
    const t = await sim({ faults: 'POST /batches:503@held@abv.bg' });
    const op = (email: string) => ({ method: 'PUT', path: `${t.list}/members/${subscriberHash(email)}`, body: JSON.stringify(put(email)) });
    expect((await t.api.post('/batches', { operations: [op('free@abv.bg'), op('Held@abv.bg')] })).status).toBe(503);
    expect((await t.api.post('/batches', { operations: [op('free@abv.bg')] })).status).toBe(200);
  });

  it('parses targeted rules and refuses malformed ones', () => {
    const [rule] = parseFaultSpec('POST /lists/*:500@a@b.bg');
    expect(rule).toMatchObject({ method: 'POST', rate: 1, emailHash: subscriberHash('a@b.bg'), fault: { kind: 'status', status: 500 } });
    expect(parseFaultSpec('*:reset@a@b.bg:0.5')[0]).toMatchObject({ rate: 0.5, fault: { kind: 'reset' } });
    expect(() => parseFaultSpec('POST /lists/*:500@')).toThrow(/Bad fault rule/);
    expect(() => parseFaultSpec('POST /lists/*:500@nobody')).toThrow(/Bad fault rule/);
    expect(() => parseFaultSpec('POST /lists/*:500')).toThrow(/Bad fault rule/);
  });
});

describe('403 variants', () => {
  it('answers a role without permission, a disabled account and a key for another data centre', async () => {
    const t = await sim({ faults: 'GET /ping:403:1,GET /lists:403-disabled:1,GET /lists/*:403-key:1' });
    expect((await t.api.get('/ping')).body).toMatchObject({ status: 403, title: 'Forbidden', detail: 'You are not permitted to access this resource.' });
    expect((await t.api.get('/lists')).body).toMatchObject({ status: 403, title: 'User Disabled' });
    expect((await t.api.get(t.list)).body).toMatchObject({ status: 403, title: 'Wrong Datacenter', detail: 'The API key provided is linked to a different datacenter.' });
  });
});

describe('the account-wide connection limit', () => {
  it('is shared by every key of the account', async () => {
    const other = `${'ab'.repeat(16)}-us1`;
    const t = await sim({ latencyMs: 400, extraApiKeys: [other] });
    const second = new SimClient(t.sim.baseUrl, other);
    const all = await Promise.all([...Array.from({ length: 6 }, () => t.api.get('/ping')), ...Array.from({ length: 5 }, () => second.get('/ping'))]);
    expect(all.filter((r) => r.status === 429)).toHaveLength(1);
    expect(all.filter((r) => r.status === 200)).toHaveLength(10);
    expect(second.violations).toEqual([]);
    expect((await new SimClient(t.sim.baseUrl, `${'cd'.repeat(16)}-us1`).get('/ping')).status).toBe(401);
  });

  it('a neighbour holding 6 leaves 4, and meets 429s when we take the connections it gives back', async () => {
    // Timeline from the start: the neighbour holds 6 until 300 ms, pauses until 900 ms, then asks again.
    const t = await sim({ latencyMs: 1000, neighbour: { connections: 6, holdMs: 300, gapMs: 600 } });
    const first = Promise.all(Array.from({ length: 6 }, () => t.api.get('/ping')));
    await sleep(450);
    // The neighbour holds nothing now: 6 more of ours fit beside the first 4 (in flight until ~1000 ms).
    const second = Promise.all(Array.from({ length: 6 }, () => t.api.get('/ping')));
    await sleep(750);
    const stats = t.sim.stats();
    expect((await first).map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await second).every((r) => r.status === 200)).toBe(true);
    expect(stats.throttled).toBe(2);
    // At ~900 ms all 10 connections were ours: each of its 6 attempts met a 429.
    expect(stats.neighbour).toMatchObject({ connections: 6, requests: 6 });
    expect(stats.neighbour.throttled).toBeGreaterThanOrEqual(6);
  });
});

describe('review, status_if_new rows, GDPR', () => {
  it('--review holds new subscribed members as pending, on PUT and batch subscribe alike', async () => {
    const t = await sim({ review: true });
    expect((await t.api.put(`${t.list}/members/new1@abv.bg`, put('new1@abv.bg'))).body.status).toBe('pending');
    const batch = await t.api.post(t.list, rows(['new2@abv.bg', 'ivan.petrov@abv.bg']));
    expect(batch.body.new_members[0].status).toBe('pending');
    expect(batch.body.updated_members[0].status).toBe('subscribed');
    expect((await t.api.put(`${t.list}/members/new3@abv.bg`, put('new3@abv.bg', { status_if_new: 'unsubscribed' }))).body.status).toBe('unsubscribed');
  });

  it('batch rows with status_if_new create with it and leave existing statuses alone', async () => {
    const t = await sim();
    const res = await t.api.post(t.list, {
      members: [
        { email_address: 'sin1@abv.bg', status_if_new: 'subscribed', merge_fields: { FNAME: 'Нов' } },
        { email_address: 'georgi.dimitrov@abv.bg', status_if_new: 'subscribed', merge_fields: { FNAME: 'Гошо' } },
      ],
      update_existing: true,
    });
    expect(res.body).toMatchObject({ total_created: 1, total_updated: 1, error_count: 0 });
    expect(res.body.new_members[0]).toMatchObject({ email_address: 'sin1@abv.bg', status: 'subscribed' });
    expect(res.body.updated_members[0]).toMatchObject({ email_address: 'georgi.dimitrov@abv.bg', status: 'unsubscribed', merge_fields: { FNAME: 'Гошо' } });
  });

  it('--gdpr: the audience has marketing permissions, members carry them, PUT sets them, batch subscribe cannot', async () => {
    const t = await sim({ gdpr: true });
    expect((await t.api.get(t.list)).body.marketing_permissions).toBe(true);
    const ivan = await t.api.get(`${t.list}/members/ivan.petrov@abv.bg`);
    const perms = ivan.body.marketing_permissions as Array<{ marketing_permission_id: string; text: string; enabled: boolean }>;
    expect(perms.map((p) => [p.text, p.enabled])).toEqual([['Имейл', true], ['Директна поща', false], ['Персонализирана онлайн реклама', false]]);
    const email = perms[0]!.marketing_permission_id;
    const created = await t.api.put(`${t.list}/members/gdpr1@abv.bg`, put('gdpr1@abv.bg', { marketing_permissions: [{ marketing_permission_id: email, enabled: true }] }));
    expect(created.body.marketing_permissions.map((p: { enabled: boolean }) => p.enabled)).toEqual([true, false, false]);
    const bad = await t.api.put(`${t.list}/members/gdpr2@abv.bg`, put('gdpr2@abv.bg', { marketing_permissions: [{ marketing_permission_id: 'nope', enabled: true }] }));
    expect(bad.body).toMatchObject({ status: 400, detail: "Invalid marketing permission ID: 'nope'." });
    const batch = await t.api.post(t.list, { members: [{ email_address: 'gdpr3@abv.bg', status: 'subscribed', marketing_permissions: [{ marketing_permission_id: email, enabled: true }] }] });
    expect(batch.body.new_members[0].marketing_permissions.every((p: { enabled: boolean }) => !p.enabled)).toBe(true);
    // Without the switch the audience has none and members carry none.
    const plain = await sim();
    expect((await plain.api.get(plain.list)).body.marketing_permissions).toBe(false);
    expect((await plain.api.get(`${plain.list}/members/ivan.petrov@abv.bg`)).body.marketing_permissions).toBeUndefined();
  });
});

describe('GDPR state', () => {
  it('permissions and opt-ins are saved with the state and come back without the switch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-gdpr-'));
    try {
      const stateFile = path.join(dir, 'state.json');
      const first = await sim({ gdpr: true, stateFile });
      const id = (await first.api.get(`${first.list}/members/ivan.petrov@abv.bg`)).body.marketing_permissions[1].marketing_permission_id;
      await first.api.put(`${first.list}/members/kept@abv.bg`, put('kept@abv.bg', { marketing_permissions: [{ marketing_permission_id: id, enabled: true }] }));
      await first.sim.close();
      const again = await sim({ stateFile });
      expect((await again.api.get(again.list)).body.marketing_permissions).toBe(true);
      const kept = await again.api.get(`${again.list}/members/kept@abv.bg`);
      expect(kept.body.marketing_permissions.map((p: { enabled: boolean }) => p.enabled)).toEqual([false, true, false]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('refusals of the field', () => {
  it('--locale de writes detail and field messages in German, titles stay English, address errors name "email address"', async () => {
    const t = await sim({ locale: 'de' });
    const badEmail = await t.api.put(`${t.list}/members/x@bar.com`, put('x@bar.com'));
    expect(badEmail.body).toMatchObject({ status: 400, title: 'Invalid Resource', detail: 'x@bar.com scheint gefälscht oder ungültig zu sein. Bitte gib eine echte E-Mail-Adresse ein.' });
    expect(badEmail.body.errors).toEqual([{ field: 'email address', message: badEmail.body.detail }]);
    const batch = await t.api.post(t.list, { members: [{ email_address: 'georgi.dimitrov@abv.bg', status: 'subscribed' }, { email_address: 'a b@abv.bg', status: 'subscribed' }], update_existing: true });
    expect(batch.body.errors[0].error).toMatch(/befindet sich .* im Compliance-Status/);
    expect(batch.body.errors[1]).toMatchObject({ error: 'Bitte gib eine gültige E-Mail-Adresse an.', field: 'email address' });
    expect((await t.api.get(`${t.list}/members/nobody@abv.bg`)).body.detail).toBe('Die angeforderte Ressource wurde nicht gefunden.');
  });

  it('a permanently deleted address answers "Member In Compliance State" with --deleted-as-compliance', async () => {
    const old = await sim({ deletedAsCompliance: true });
    expect((await old.api.put(`${old.list}/members/stefan.kolev@gmail.com`, put('stefan.kolev@gmail.com'))).body).toMatchObject({ status: 400, title: 'Member In Compliance State' });
    expect((await old.api.get(`${old.list}/members/stefan.kolev@gmail.com`)).status).toBe(404);
    const current = await sim();
    expect((await current.api.put(`${current.list}/members/stefan.kolev@gmail.com`, put('stefan.kolev@gmail.com'))).body.title).toBe('Forgotten Email Not Subscribed');
  });

  it('a marked address "signed up to a lot of lists very recently", on PUT and in batch rows', async () => {
    const t = await sim({ tooManySignups: ['busy@abv.bg'] });
    const one = await t.api.put(`${t.list}/members/busy@abv.bg`, put('busy@abv.bg'));
    expect(one.body).toMatchObject({ status: 400, title: 'Invalid Resource', detail: "busy@abv.bg has signed up to a lot of lists very recently; we're not allowing more signups for now" });
    const batch = await t.api.post(t.list, rows(['busy@abv.bg', 'calm@abv.bg']));
    expect(batch.body).toMatchObject({ total_created: 1, error_count: 1 });
    expect(batch.body.errors[0]).toMatchObject({ email_address: 'busy@abv.bg', error_code: 'ERROR_GENERIC' });
    expect(batch.body.errors[0].error).toContain('signed up to a lot of lists');
  });
});

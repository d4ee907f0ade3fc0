/** The client against the real simulator (no faults): Mailchimp's behaviours arrive classified. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { classifyBatchRowError } from '../../main/mailchimp/classify-error.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import type { MailchimpApi, MemberUpsertBody } from '../../main/mailchimp/mailchimp-api.js';

let sim: SimulatorHandle;
let api: MailchimpApi;
let listId: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, maxMergeFields: 200 });
  api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  listId = sim.listId;
});
afterAll(async () => {
  await sim?.close();
});

const put = (email: string, extra: Partial<MemberUpsertBody> = {}) =>
  api.upsertMember(listId, subscriberHash(email), { email_address: email, status_if_new: 'subscribed', ...extra });

async function kindOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof MailchimpError)) throw new Error(`expected a MailchimpError, got ${String(err)}`);
  return err.kind;
}

describe('client against the simulator', () => {
  it('reads the account, audiences, groups and fields', async () => {
    expect(await api.ping()).toBe("Everything's Chimpy!");
    expect((await api.getAccount()).account_name).toBeTruthy();
    expect((await api.listAudiences()).map((a) => a.id)).toContain(listId);
    expect((await api.getAudience(listId)).stats.member_count).toBeGreaterThan(0);
    const categories = await api.listInterestCategories(listId);
    expect(categories.length).toBeGreaterThan(0);
    expect((await api.listInterests(listId, categories[0]!.id)).length).toBeGreaterThan(0);
    expect((await api.listMergeFields(listId)).map((f) => f.tag)).toEqual(expect.arrayContaining(['FNAME', 'LNAME']));
  });

  it('pages past the default 10: 40 merge fields and 50 interests come back complete', async () => {
    const before = (await api.listMergeFields(listId)).length;
    for (let i = 0; i < 40 - before; i += 1) await api.createMergeField(listId, { name: `Поле ${i}`, type: 'text', tag: `P${i}` });
    expect(await api.listMergeFields(listId)).toHaveLength(40);
    const category = await api.createInterestCategory(listId, { title: 'Много групи', type: 'checkboxes' });
    for (let i = 0; i < 50; i += 1) await api.createInterest(listId, category.id, { name: `Група ${i}` });
    expect(await api.listInterests(listId, category.id)).toHaveLength(50);
  });

  it('classifies the member state machine', async () => {
    expect(await kindOf(put('georgi.dimitrov@abv.bg', { status: 'subscribed' }))).toBe('compliance_state');
    expect(await kindOf(put('elena.stoyanova@gmail.com', { status: 'subscribed' }))).toBe('compliance_state');
    expect(await kindOf(put('stefan.kolev@gmail.com'))).toBe('forgotten_email');
    expect(await kindOf(put('someone@example.com'))).toBe('invalid_email');
    expect(await kindOf(put('иван@abv.bg'))).toBe('invalid_email');
    expect(await kindOf(put('new.one@abv.bg', { interests: { nosuchinterest: true } }))).toBe('invalid_interest');
    expect(await kindOf(put('new.two@abv.bg', { merge_fields: { POINTS: 'много' } }))).toBe('invalid_merge_fields');
    expect(await kindOf(api.getAudience('nosuchlist'))).toBe('not_found');
    const wrongKey = createMailchimpClient({ apiKey: `${'0'.repeat(32)}-us1`, baseUrl: sim.baseUrl });
    expect(await kindOf(wrongKey.ping())).toBe('auth');
  });

  it('keeps an unsubscribed member unsubscribed when only status_if_new is sent', async () => {
    const m = await put('georgi.dimitrov@abv.bg', { merge_fields: { FNAME: 'Георги' } });
    expect(m.status).toBe('unsubscribed');
  });

  it('returns batch row errors that classify into the same kinds', async () => {
    const res = await api.batchSubscribe(
      listId,
      [
        { email_address: 'ok.batch@abv.bg', status: 'subscribed' },
        { email_address: 'fake@example.com', status: 'subscribed' },
        { email_address: 'georgi.dimitrov@abv.bg', status: 'subscribed' },
        { email_address: 'bad.group@abv.bg', status: 'subscribed', interests: { nosuchinterest: true } },
      ],
      { updateExisting: true },
    );
    expect(res.total_created).toBe(1);
    // Only the fields the engine reads come back (fields=…), not each member's full record.
    expect(Object.keys(res.new_members[0]!).sort()).toEqual(['email_address', 'id', 'last_changed', 'status']);
    expect(res.new_members[0]).toMatchObject({ email_address: 'ok.batch@abv.bg', status: 'subscribed', last_changed: expect.any(String) });
    const kinds = Object.fromEntries(res.errors.map((e) => [e.email_address, classifyBatchRowError(e)]));
    expect(kinds).toEqual({ 'fake@example.com': 'invalid_email', 'georgi.dimitrov@abv.bg': 'compliance_state', 'bad.group@abv.bg': 'invalid_interest' });
  });

  it('finds members by an email containing "server", archives, and lists members with filters', async () => {
    await put('server.room@abv.bg');
    expect((await api.getMember(listId, 'Server.Room@abv.bg'))?.email_address).toBe('server.room@abv.bg');
    expect(await api.getMember(listId, 'nobody@abv.bg')).toBeNull();
    expect(await api.archiveMember(listId, subscriberHash('server.room@abv.bg'))).toBe('archived');
    expect(await api.archiveMember(listId, subscriberHash('server.room@abv.bg'))).toBe('not_archivable');
    expect(await api.archiveMember(listId, subscriberHash('nobody@abv.bg'))).toBe('not_found');
    expect((await api.unsubscribeMember(listId, 'ok.batch@abv.bg')).status).toBe('unsubscribed');
    const unsub = await api.listMembers(listId, { status: 'unsubscribed' });
    expect(unsub.map((m) => m.email_address)).toEqual(expect.arrayContaining(['ok.batch@abv.bg', 'georgi.dimitrov@abv.bg']));
    expect(unsub.every((m) => m.status === 'unsubscribed')).toBe(true);
    const recent = await api.listMembers(listId, { sinceLastChanged: new Date(Date.now() - 60_000).toISOString() });
    expect(recent.map((m) => m.email_address)).toContain('ok.batch@abv.bg');
    expect(recent.map((m) => m.email_address)).not.toContain('ivan.petrov@abv.bg');
  });
});

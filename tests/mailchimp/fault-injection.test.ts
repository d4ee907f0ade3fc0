/**
 * Done-when test of issue 3: against the simulator with 50 ms latency and ~10 % injected 429/5xx/
 * connection resets, a 5,000-member workload completes without losing or duplicating a member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import type { BatchMemberInput, MailchimpApi } from '../../main/mailchimp/mailchimp-api.js';

// 4 % 429 + 2 % 500 + 1 % 503 + 2 % reset before the server acts + 1 % reset AFTER it applied the write.
const FAULTS = '*:429:0.04,*:500:0.02,*:503:0.01,*:reset:0.02,*:reset-after:0.01';
const TOTAL = 5_000;
const BATCHED = 4_500; // 9 batch subscribes of 500; the other 500 arrive by individual PUTs

let sim: SimulatorHandle;
let client: MailchimpApi;
let listId: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, latencyMs: 50, faults: FAULTS, seed: 7, seedDemo: false });
  listId = sim.listId;
  client = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 8, retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 300 } });
});
afterAll(async () => {
  await sim?.close();
});

const emailOf = (i: number) => `Klient.${String(i).padStart(4, '0')}@barsy-shop.bg`;

/** Reads `total_items` of the members collection straight over HTTP, independently of the client. */
async function totalItems(): Promise<number> {
  const auth = `Basic ${Buffer.from(`any:${sim.apiKey}`).toString('base64')}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const res = await fetch(`${sim.baseUrl}/lists/${listId}/members?count=1&fields=total_items`, { headers: { Authorization: auth } }).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as { total_items: number }).total_items;
  }
  throw new Error('members collection unreadable');
}

describe('client under injected faults', () => {
  it('syncs 5,000 members through 429/5xx/resets without losing or duplicating one', { timeout: 240_000 }, async () => {
    const batches: BatchMemberInput[][] = [];
    for (let start = 0; start < BATCHED; start += 500) {
      batches.push(
        Array.from({ length: 500 }, (_, k) => ({ email_address: emailOf(start + k), status: 'subscribed' as const, merge_fields: { FNAME: `Клиент ${start + k}` } })),
      );
    }
    const puts = Array.from({ length: TOTAL - BATCHED }, (_, k) => BATCHED + k);
    // A few members of the batches are also PUT while the batches run: updates, never second copies.
    const overlapping = [0, 499, 500, 2222, 4499];

    const [batchResults] = await Promise.all([
      Promise.all(batches.map((members) => client.batchSubscribe(listId, members, { updateExisting: true }))),
      Promise.all(
        [...puts, ...overlapping].map((i) =>
          // PUT by subscriber hash is idempotent: when a reset hides an applied write, the retry updates
          // the same member (keyed by the address's hash) instead of adding a second one.
          client.upsertMember(listId, subscriberHash(emailOf(i)), { email_address: emailOf(i), status_if_new: 'subscribed', merge_fields: { LNAME: `Ред ${i}` } }),
        ),
      ),
    ]);

    for (const r of batchResults) {
      expect(r.error_count).toBe(0);
      // A batch re-sent after a reset reports the first attempt's new members as updated.
      expect(r.total_created + r.total_updated).toBe(500);
    }

    const members = await client.listMembers(listId);
    const emails = members.map((m) => m.email_address.toLowerCase()).sort();
    const expected = Array.from({ length: TOTAL }, (_, i) => emailOf(i).toLowerCase()).sort();
    expect(emails).toEqual(expected); // the exact set: none lost, none twice
    expect(await totalItems()).toBe(TOTAL);
    expect(members.every((m) => m.status === 'subscribed')).toBe(true);
    const m2222 = members.find((m) => m.email_address.toLowerCase() === emailOf(2222).toLowerCase());
    expect(m2222?.merge_fields).toMatchObject({ FNAME: 'Клиент 2222', LNAME: 'Ред 2222' });

    // The faults really happened and were retried through.
    const stats = sim.stats();
    expect(stats.faults).toBeGreaterThan(20);
    const logicalCalls = batches.length + puts.length + overlapping.length + Math.ceil(TOTAL / 1000);
    expect(client.requestCount()).toBeGreaterThan(logicalCalls);
    expect(stats.maxInFlight).toBeLessThanOrEqual(8);
  });
});

describe('writes the server applied before the connection dropped', () => {
  /** A client whose first attempt of every call meets `spec`; the faults are lifted before the retry. */
  const oneShot = (spec: string) => {
    sim.setFaults(spec);
    return createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, retry: { baseDelayMs: 1 }, sleep: async () => sim.setFaults('') });
  };

  it('a re-sent batch subscribe and PUT create no duplicates', async () => {
    const before = await totalItems();
    const members = Array.from({ length: 500 }, (_, k) => ({ email_address: `reset.${k}@barsy-shop.bg`, status: 'subscribed' as const }));
    const batch = await oneShot('POST /lists/*:reset-after:1').batchSubscribe(listId, members, { updateExisting: true });
    // The first attempt created all 500; the retry found them and updated them.
    expect(batch).toMatchObject({ attempts: 2, total_created: 0, total_updated: 500, error_count: 0 });

    const email = 'reset.put@barsy-shop.bg';
    const put = await oneShot('PUT /lists/*/members/*:reset-after:1').upsertMember(listId, subscriberHash(email), { email_address: email, status_if_new: 'subscribed' });
    expect(put.email_address).toBe(email);
    expect(await totalItems()).toBe(before + 501);
  });

  it('a re-sent create returns what the first attempt created, and a re-sent archive counts as archived', async () => {
    const [category] = await client.listInterestCategories(listId).then((c) => (c.length ? c : client.createInterestCategory(listId, { title: 'Групи', type: 'checkboxes' }).then((x) => [x])));
    const interest = await oneShot('POST /lists/*/interest-categories/*/interests:reset-after:1').createInterest(listId, category!.id, { name: 'Нула' });
    const all = await client.listInterests(listId, category!.id);
    expect(all.filter((i) => i.name === 'Нула')).toEqual([expect.objectContaining({ id: interest.id })]);

    const field = await oneShot('POST /lists/*/merge-fields:reset-after:1').createMergeField(listId, { name: 'Карта', type: 'text', tag: 'CARD' });
    expect((await client.listMergeFields(listId)).filter((f) => f.tag === 'CARD')).toEqual([expect.objectContaining({ merge_id: field.merge_id })]);

    const hash = subscriberHash('reset.0@barsy-shop.bg');
    expect(await oneShot('DELETE /lists/*/members/*:reset-after:1').archiveMember(listId, hash)).toBe('archived');
    expect((await client.getMember(listId, hash))?.status).toBe('archived');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { createSemaphore } from '../../main/mailchimp/semaphore.js';
import { pageOf, startFakeServer, TEST_KEY, type FakeServer, type Seen } from '../helpers/mailchimp-fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('concurrency cap', () => {
  it('never has more than N requests of one client in flight, across different calls', async () => {
    server = await startFakeServer((req) => ({ status: 200, delayMs: 25, body: req.path.endsWith('/ping') ? { health_status: 'ok' } : { id: 'L1', name: 'A', stats: { member_count: 0 } } }));
    const client = createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl, concurrency: 3 });
    await Promise.all(range(30).map((i) => (i % 2 ? client.ping() : client.getAudience('L1'))));
    expect(server.seen).toHaveLength(30);
    expect(server.maxInFlight()).toBe(3);
  });

  it('caps a configured concurrency above Mailchimp’s 10 connections at 10', async () => {
    server = await startFakeServer(() => ({ status: 200, delayMs: 40, body: { health_status: 'ok' } }));
    const client = createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl, concurrency: 50 });
    await Promise.all(range(25).map(() => client.ping()));
    expect(server.maxInFlight()).toBe(10);
  });

  it('semaphore hands slots over first come, first served', async () => {
    const sem = createSemaphore(2);
    const order: number[] = [];
    let peak = 0;
    await Promise.all(
      range(6).map((i) =>
        sem.run(async () => {
          peak = Math.max(peak, sem.active());
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(sem.active()).toBe(0);
  });
});

describe('paging', () => {
  const mergeFields = range(150).map((i) => ({ merge_id: i + 1, tag: `F${i}`, name: `Field ${i}`, type: 'text', required: false }));
  const interests = range(150).map((i) => ({ category_id: 'C1', id: `i${i}`, name: `Group ${i}`, subscriber_count: '0' }));
  const categories = range(23).map((i) => ({ id: `C${i}`, title: `Cat ${i}`, type: 'checkboxes' }));
  const members = range(2345).map((i) => ({ id: `h${i}`, email_address: `m${i}@barsy.bg`, status: 'subscribed', merge_fields: {}, interests: {} }));
  const lists = range(12).map((i) => ({ id: `L${i}`, name: `List ${i}`, stats: { member_count: i } }));

  /** A Mailchimp-like collection server; `pageCap` lets a test return shorter pages than asked for. */
  const route = (pageCap = 1000) => (req: Seen) => {
    const cap = (r: ReturnType<typeof pageOf>, key: string) => {
      if (r === 'reset') return r;
      const body = r.body as Record<string, unknown[]>;
      return { ...r, body: { ...body, [key]: body[key]!.slice(0, pageCap) } };
    };
    if (req.path.endsWith('/merge-fields')) return cap(pageOf(req, 'merge_fields', mergeFields), 'merge_fields');
    if (req.path.endsWith('/interests')) return cap(pageOf(req, 'interests', interests), 'interests');
    if (req.path.endsWith('/interest-categories')) return cap(pageOf(req, 'categories', categories), 'categories');
    if (req.path.endsWith('/members')) return cap(pageOf(req, 'members', members), 'members');
    return cap(pageOf(req, 'lists', lists), 'lists');
  };

  it('returns all 150 merge fields and 150 interests, asking for count=1000 explicitly', async () => {
    server = await startFakeServer(route());
    const client = createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl });
    expect(await client.listMergeFields('L1')).toHaveLength(150);
    expect(await client.listInterests('L1', 'C1')).toHaveLength(150);
    expect(await client.listInterestCategories('L1')).toHaveLength(23);
    expect(await client.listAudiences()).toHaveLength(12);
    expect(server.seen.every((s) => s.query.get('count') === '1000')).toBe(true);
  });

  it('keeps walking when Mailchimp returns shorter pages than asked for', async () => {
    server = await startFakeServer(route(40));
    const client = createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl });
    const fields = await client.listMergeFields('L1');
    expect(fields.map((f) => f.tag)).toEqual(mergeFields.map((f) => f.tag));
    expect(server.seen.map((s) => s.query.get('offset') ?? '0')).toEqual(['0', '40', '80', '120']);
  });

  it('pages more than 1000 members with only the needed fields and reports each page', async () => {
    server = await startFakeServer(route());
    const client = createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl });
    const pages: number[] = [];
    const got = await client.listMembers('L1', { sinceLastChanged: '2024-01-01T00:00:00+00:00', status: 'subscribed', onPage: (p) => pages.push(p.length) });
    expect(got).toHaveLength(2345);
    expect(new Set(got.map((m) => m.email_address)).size).toBe(2345);
    expect(pages).toEqual([1000, 1000, 345]);
    const q = server.seen[0]!.query;
    expect(q.get('fields')).toBe('members.id,members.email_address,members.status,members.merge_fields,members.interests,members.last_changed,total_items');
    expect(q.get('since_last_changed')).toBe('2024-01-01T00:00:00+00:00');
    expect(q.get('status')).toBe('subscribed');
  });
});

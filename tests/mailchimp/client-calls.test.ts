import { afterEach, describe, expect, it } from 'vitest';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { problem, startFakeServer, TEST_KEY, type FakeServer, type Route } from '../helpers/mailchimp-fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(route: Route) {
  server = await startFakeServer(route);
  return createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 } });
}

const member = (email: string, status = 'subscribed') => ({ id: subscriberHash(email), email_address: email, status, merge_fields: { FNAME: 'Ана' }, interests: { i1: true }, last_changed: '2024-05-01T10:00:00+00:00', extra_field: 1 });

describe('client calls', () => {
  it('upserts with PUT by hash, status_if_new and skip_merge_validation, sending Basic auth', async () => {
    const client = await clientFor((req) => ({ status: 200, body: member((req.body as { email_address: string }).email_address) }));
    const hash = subscriberHash('Ana@Barsy.bg');
    const m = await client.upsertMember('L1', hash, { email_address: 'Ana@Barsy.bg', status_if_new: 'subscribed', merge_fields: { FNAME: 'Ана' } }, { skipMergeValidation: true });
    expect(m.merge_fields).toEqual({ FNAME: 'Ана' });
    const req = server!.seen[0]!;
    expect(req.method).toBe('PUT');
    expect(req.path).toBe(`/3.0/lists/L1/members/${hash}`);
    expect(req.query.get('skip_merge_validation')).toBe('true');
    expect(req.body).toEqual({ email_address: 'Ana@Barsy.bg', status_if_new: 'subscribed', merge_fields: { FNAME: 'Ана' } });
    expect(Buffer.from(req.auth!.replace('Basic ', ''), 'base64').toString()).toBe(`user:${TEST_KEY}`);
  });

  it('returns batch-subscribe row errors as data and never throws for them', async () => {
    const client = await clientFor(() => ({
      status: 200,
      body: {
        new_members: [member('a@barsy.bg')],
        updated_members: [],
        errors: [{ email_address: 'x@example.com', error: 'x@example.com looks fake or invalid, please enter a real email address.', error_code: 'ERROR_GENERIC' }],
        total_created: 1,
        total_updated: 0,
        error_count: 1,
      },
    }));
    const res = await client.batchSubscribe('L1', [{ email_address: 'a@barsy.bg', status: 'subscribed' }, { email_address: 'x@example.com', status: 'subscribed' }], { updateExisting: true });
    expect(res).toMatchObject({ total_created: 1, error_count: 1, attempts: 1 });
    expect(res.errors[0]!.error_code).toBe('ERROR_GENERIC');
    expect(server!.seen[0]!).toMatchObject({ method: 'POST', path: '/3.0/lists/L1', body: { update_existing: true } });
    // Only documented query parameters (no `fields=`), and only the fields the engine reads are kept.
    expect([...server!.seen[0]!.query.keys()]).toEqual([]);
    expect(Object.keys(res.new_members[0]!).sort()).toEqual(['email_address', 'id', 'last_changed', 'status']);
    expect(server!.seen[0]!.query.has('skip_merge_validation')).toBe(false);
    await client.batchSubscribe('L1', [{ email_address: 'a@barsy.bg' }], { updateExisting: false, skipMergeValidation: true });
    expect(server!.seen[1]!.query.get('skip_merge_validation')).toBe('true');
    expect(server!.seen[1]!.body).toEqual({ members: [{ email_address: 'a@barsy.bg' }], update_existing: false });
  });

  it('refuses a batch over 500 members or with one address twice before sending it', async () => {
    const client = await clientFor(() => ({ status: 500 }));
    const many = Array.from({ length: 501 }, (_, i) => ({ email_address: `m${i}@barsy.bg` }));
    await expect(client.batchSubscribe('L1', many, { updateExisting: true })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(client.batchSubscribe('L1', [{ email_address: 'a@barsy.bg' }, { email_address: 'A@barsy.bg ' }], { updateExisting: true })).rejects.toMatchObject({ kind: 'bad_request' });
    expect(server!.seen).toHaveLength(0);
  });

  it('returns null for a missing member and looks members up by hash', async () => {
    const client = await clientFor(() => problem(404, 'Resource Not Found', 'The requested resource could not be found.'));
    expect(await client.getMember('L1', 'Nobody@Barsy.bg')).toBeNull();
    expect(server!.seen[0]!.path).toBe(`/3.0/lists/L1/members/${subscriberHash('nobody@barsy.bg')}`);
  });

  it('archives: 204 archived, 404 not_found, 405 not_archivable', async () => {
    const replies = [{ status: 204 }, problem(404, 'Resource Not Found', 'x'), problem(405, 'Method Not Allowed', 'This list member cannot be removed.')];
    const client = await clientFor((_r, n) => replies[n - 1]!);
    expect(await client.archiveMember('L1', 'h1')).toBe('archived');
    expect(await client.archiveMember('L1', 'h2')).toBe('not_found');
    expect(await client.archiveMember('L1', 'h3')).toBe('not_archivable');
  });

  it('treats a 405 after a reset as its own earlier archive', async () => {
    const client = await clientFor((_r, n) => (n === 1 ? 'reset' : problem(405, 'Method Not Allowed', 'Can not archive a contact that is archived')));
    expect(await client.archiveMember('L1', 'h1')).toBe('archived');
  });

  it('returns the existing interest when a create is refused as a duplicate after a reset', async () => {
    const interest = { category_id: 'C1', list_id: 'L1', id: 'i9', name: 'VIP', subscriber_count: '0', display_order: 1 };
    const client = await clientFor((req, n) => {
      if (req.method === 'POST') return n === 1 ? 'reset' : problem(400, 'Invalid Resource', 'Cannot add "VIP" because it already exists on the list.');
      return { status: 200, body: { interests: [interest], total_items: 1 } };
    });
    expect(await client.createInterest('L1', 'C1', { name: 'VIP' })).toMatchObject({ id: 'i9', name: 'VIP' });
  });

  it('still reports a duplicate create when no attempt was lost', async () => {
    const client = await clientFor(() => problem(400, 'Invalid Resource', 'An interest category with the title \'Клиенти\' already exists.'));
    await expect(client.createInterestCategory('L1', { title: 'Клиенти', type: 'checkboxes' })).rejects.toMatchObject({ kind: 'bad_request', status: 400 });
  });

  it('unsubscribes with status and status_if_new', async () => {
    const client = await clientFor((req) => ({ status: 200, body: member('a@barsy.bg', (req.body as { status: string }).status) }));
    expect((await client.unsubscribeMember('L1', 'a@barsy.bg')).status).toBe('unsubscribed');
    expect(server!.seen[0]!.body).toEqual({ email_address: 'a@barsy.bg', status_if_new: 'unsubscribed', status: 'unsubscribed' });
  });

  it('reads the account name from the API root', async () => {
    const client = await clientFor(() => ({ status: 200, body: { account_id: 'a1', account_name: 'Ресторант Barsy', login_id: 'l1' } }));
    expect((await client.getAccount()).account_name).toBe('Ресторант Barsy');
    expect(server!.seen[0]!.path).toBe('/3.0/');
  });

  it('rejects answers that do not match the schema as bad_response, without retrying', async () => {
    const client = await clientFor(() => ({ status: 200, body: { merge_fields: [{ tag: 'FNAME' }], total_items: 1 } }));
    const err = await client.listMergeFields('L1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailchimpError);
    expect(err).toMatchObject({ kind: 'bad_response' });
    expect((err as MailchimpError).detail).toContain('merge_fields.0.merge_id');
    expect(server!.seen).toHaveLength(1);
  });

  it('rejects a body that is not JSON as bad_response, and a 502 HTML page as server', async () => {
    const client = await clientFor((_r, n) => (n === 1 ? { status: 200, raw: '<html>oops' } : { status: 502, raw: '<html>Bad Gateway</html>', headers: { 'Content-Type': 'text/html' } }));
    await expect(client.ping()).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(client.getAudience('L1')).rejects.toMatchObject({ kind: 'server', status: 502 });
  });
});

import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { startTestSim, type TestSim } from '../helpers/simulator/sim-client.js';

/**
 * `POST /batches` as Mailchimp runs it: asynchronous, polled with `GET /batches/{id}`, results in a
 * tar.gz of JSON arrays behind an unauthenticated URL. Every API exchange is schema-checked.
 */
const running: TestSim[] = [];
async function sim(opts: Parameters<typeof startTestSim>[0] = {}): Promise<TestSim> {
  const t = await startTestSim({ batchDelayMs: 50, ...opts });
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0)) {
    expect(t.api.violations).toEqual([]);
    await t.sim.close();
  }
});

type Entry = { name: string; type: string; text: string };

/** Every entry of a tar.gz, read with a real tar parser. */
async function untar(gz: Buffer): Promise<Entry[]> {
  const out: Entry[] = [];
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => {
      out.push({ name: header.name, type: header.type ?? 'file', text: Buffer.concat(chunks).toString('utf8') });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
    Readable.from([gunzipSync(gz)]).pipe(ex);
  });
  return out;
}

const putOp = (listId: string, email: string, id: string, extra: Record<string, unknown> = {}) => ({
  method: 'PUT',
  path: `/lists/${listId}/members/${subscriberHash(email)}`,
  operation_id: id,
  body: JSON.stringify({ email_address: email, status_if_new: 'subscribed', ...extra }),
});

async function untilFinished(t: TestSim, id: string): Promise<{ status: string[]; last: Record<string, unknown> }> {
  const seen: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const res = await t.api.get(`/batches/${id}`);
    expect(res.status).toBe(200);
    if (seen.at(-1) !== res.body.status) seen.push(res.body.status);
    if (res.body.status === 'finished') return { status: seen, last: res.body };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('batch never finished');
}

describe('Batch Operations', () => {
  it('runs member PUTs asynchronously and serves the results archive', async () => {
    const t = await sim({ gdpr: true, faults: 'PUT /lists/*/members/*:500@blocked@abv.bg' });
    const perm = (await t.api.get(`${t.list}/members/ivan.petrov@abv.bg`)).body.marketing_permissions[0].marketing_permission_id;
    const ops = [
      putOp(t.sim.listId, 'b1@abv.bg', 'row-1', { marketing_permissions: [{ marketing_permission_id: perm, enabled: true }] }),
      putOp(t.sim.listId, 'x@bar.com', 'row-2'),
      putOp(t.sim.listId, 'blocked@abv.bg', 'row-3'),
      { method: 'GET', path: `/lists/${t.sim.listId}/members/${subscriberHash('ivan.petrov@abv.bg')}`, operation_id: 'row-4', params: { fields: 'email_address,status' } },
    ];
    const started = await t.api.post('/batches', { operations: ops });
    expect(started.body).toMatchObject({ status: 'pending', total_operations: 4, finished_operations: 0, response_body_url: '' });
    const { status, last } = await untilFinished(t, started.body.id);
    expect(status.every((s) => ['pending', 'started', 'finalizing', 'finished'].includes(s))).toBe(true);
    expect(last).toMatchObject({ total_operations: 4, finished_operations: 4, errored_operations: 2 });
    expect(last.completed_at).not.toBe('');
    const url = String(last.response_body_url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/batch-results\/[0-9a-f]{32}\.tar\.gz$/);
    // No API key: the real archive sits behind a pre-signed storage link.
    const download = await fetch(url);
    expect(download.status).toBe(200);
    const entries = await untar(Buffer.from(await download.arrayBuffer()));
    expect(entries.some((e) => e.type === 'directory')).toBe(true);
    const results = entries.filter((e) => e.type === 'file').flatMap((e) => JSON.parse(e.text) as Array<{ status_code: number; operation_id: string; response: string }>);
    expect(results.map((r) => [r.operation_id, r.status_code])).toEqual([['row-1', 200], ['row-2', 400], ['row-3', 500], ['row-4', 200]]);
    const member = JSON.parse(results[0]!.response);
    expect(member).toMatchObject({ email_address: 'b1@abv.bg', status: 'subscribed' });
    expect(member.marketing_permissions[0]).toMatchObject({ marketing_permission_id: perm, enabled: true });
    expect(JSON.parse(results[1]!.response)).toMatchObject({ status: 400, title: 'Invalid Resource', detail: expect.stringContaining('looks fake') });
    expect(JSON.parse(results[2]!.response)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(JSON.parse(results[3]!.response)).toEqual({ email_address: 'ivan.petrov@abv.bg', status: 'subscribed' });
    // The operations really ran: the member exists.
    expect((await t.api.get(`${t.list}/members/b1@abv.bg`)).status).toBe(200);
    expect(t.sim.stats().batches).toEqual({ submitted: 1, finished: 1 });
    expect((await fetch(url.replace(/[0-9a-f]{32}/, '0'.repeat(32)))).status).toBe(404);
  });

  it('lists, deletes and refuses unknown batches and bad bodies', async () => {
    const t = await sim({ batchDelayMs: 5000 });
    const a = await t.api.post('/batches', { operations: [putOp(t.sim.listId, 'c1@abv.bg', 'c1')] });
    expect((await t.api.get('/batches')).body).toMatchObject({ total_items: 1, batches: [{ id: a.body.id, status: 'pending' }] });
    expect((await t.api.call('DELETE', `/batches/${a.body.id}`)).status).toBe(204);
    expect((await t.api.get(`/batches/${a.body.id}`)).status).toBe(404);
    expect((await t.api.get('/batches/nope')).body).toMatchObject({ status: 404, title: 'Resource Not Found' });
    const bad = await t.api.post('/batches', { operations: [{ method: 'PUT' }] });
    expect(bad.body).toMatchObject({ status: 400, errors: [{ field: 'operations.0.path' }] });
  });

  it('localises operation errors with --locale de', async () => {
    const t = await sim({ locale: 'de' });
    const started = await t.api.post('/batches', { operations: [putOp(t.sim.listId, 'a b@abv.bg', 'x')] });
    const { last } = await untilFinished(t, started.body.id);
    const [entry] = (await untar(Buffer.from(await (await fetch(String(last.response_body_url))).arrayBuffer()))).filter((e) => e.type === 'file');
    const [result] = JSON.parse(entry!.text) as Array<{ response: string }>;
    expect(JSON.parse(result!.response)).toMatchObject({ title: 'Invalid Resource', detail: 'Bitte gib eine gültige E-Mail-Adresse an.', errors: [{ field: 'email address' }] });
  });
});

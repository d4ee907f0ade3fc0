import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../main/mailchimp-simulator/index.js';
import { parseResultsArchive } from '../../main/mailchimp/batch-results.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';

/** Batch Operations and marketing permissions through the client, against the simulator over HTTP. */
const sims: SimulatorHandle[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function client(opts: SimulatorOptions = {}) {
  const sim = await startSimulator({ port: 0, batchDelayMs: 20, ...opts });
  sims.push(sim);
  return { sim, api: createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 } }) };
}

const row = (email: string, extra: Record<string, unknown> = {}) => ({
  operationId: `op:${email}`,
  hash: subscriberHash(email),
  body: { email_address: email, status_if_new: 'subscribed' as const, ...extra },
});

describe('marketing permissions', () => {
  it('reads a GDPR audience’s permissions from a member, and none elsewhere', async () => {
    const { sim, api } = await client({ gdpr: true });
    const read = await api.getMarketingPermissions(sim.listId);
    expect(read.enabled).toBe(true);
    expect(read.permissions.map((p) => p.text)).toEqual(['Имейл', 'Директна поща', 'Персонализирана онлайн реклама']);
    expect(read.permissions.every((p) => /^[0-9a-f]{10}$/.test(p.id))).toBe(true);
    const plain = await client();
    expect(await plain.api.getMarketingPermissions(plain.sim.listId)).toEqual({ enabled: false, permissions: [] });
    const empty = await client({ gdpr: true, seedDemo: false });
    expect(await empty.api.getMarketingPermissions(empty.sim.listId)).toEqual({ enabled: true, permissions: [] });
  });

  it('a per-member PUT carries marketing_permissions and the answer shows them', async () => {
    const { sim, api } = await client({ gdpr: true });
    const [email] = (await api.getMarketingPermissions(sim.listId)).permissions;
    const m = await api.upsertMember(sim.listId, subscriberHash('gdpr@abv.bg'), { email_address: 'gdpr@abv.bg', status_if_new: 'subscribed', marketing_permissions: [{ marketing_permission_id: email!.id, enabled: true }] });
    expect(m.marketing_permissions?.map((p) => [p.text, p.enabled])).toEqual([['Имейл', true], ['Директна поща', false], ['Персонализирана онлайн реклама', false]]);
    expect((await api.getMember(sim.listId, 'gdpr@abv.bg'))?.marketing_permissions?.[0]?.enabled).toBe(true);
  });
});

describe('Batch Operations', () => {
  it('submits member PUTs, polls until finished and reads one slim result per operation', async () => {
    const { sim, api } = await client({ gdpr: true, faults: 'PUT /lists/*/members/*:500@blocked@abv.bg' });
    const [email] = (await api.getMarketingPermissions(sim.listId)).permissions;
    const perm = [{ marketing_permission_id: email!.id, enabled: true }];
    const rows = [row('bo1@abv.bg', { marketing_permissions: perm }), row('x@bar.com'), row('blocked@abv.bg'), row('georgi.dimitrov@abv.bg', { status: 'subscribed' })];
    const seen: string[] = [];
    const run = await api.batchUpsertMembers(sim.listId, rows, { pollMs: 10, maxPollMs: 40, onProgress: (s) => seen.push(s.status) });
    expect(seen.at(-1)).toBe('finished');
    expect(run.status).toMatchObject({ id: run.batchId, total_operations: 4, finished_operations: 4, errored_operations: 3 });
    const byId = new Map(run.results.map((r) => [r.operationId, r]));
    expect(byId.size).toBe(4);
    const ok = byId.get('op:bo1@abv.bg')!;
    expect(ok.statusCode).toBe(200);
    // Only what the engine needs is kept of the echoed member.
    expect(Object.keys(ok.member!).sort()).toEqual(['email_address', 'id', 'last_changed', 'marketing_permissions', 'status']);
    expect(ok.member).toMatchObject({ email_address: 'bo1@abv.bg', status: 'subscribed' });
    expect(ok.member!.marketing_permissions![0]).toMatchObject({ marketing_permission_id: email!.id, enabled: true });
    expect(byId.get('op:x@bar.com')!.error).toMatchObject({ kind: 'invalid_email', status: 400 });
    expect(byId.get('op:blocked@abv.bg')!.error).toMatchObject({ kind: 'server', status: 500 });
    expect(byId.get('op:georgi.dimitrov@abv.bg')!.error).toMatchObject({ kind: 'compliance_state', title: 'Member In Compliance State' });
    expect(byId.get('op:georgi.dimitrov@abv.bg')!.error).toBeInstanceOf(MailchimpError);
    expect((await api.getMember(sim.listId, 'bo1@abv.bg'))?.status).toBe('subscribed');
  });

  it('polls with a growing interval and gives up after maxWaitMs; an abort stops the wait', async () => {
    const { sim, api } = await client({ batchDelayMs: 60_000 });
    const started = await api.startBatch([{ method: 'PUT', path: `/lists/${sim.listId}/members/${subscriberHash('slow@abv.bg')}`, body: JSON.stringify(row('slow@abv.bg').body) }]);
    expect(started.status).toBe('pending');
    const before = sim.stats().byRoute['GET /batches/{batch_id}'] ?? 0;
    const t0 = performance.now();
    const err = await api.waitForBatch(started.id, { pollMs: 20, maxPollMs: 80, maxWaitMs: 400 }).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ kind: 'server' });
    expect(String((err as Error).message)).toContain('has not finished');
    expect(performance.now() - t0).toBeLessThan(1500);
    const polls = (sim.stats().byRoute['GET /batches/{batch_id}'] ?? 0) - before;
    // 20, 40, 80, 80, … ms apart within 400 ms: a handful of polls, not one per 20 ms.
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(8);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('cancelled by the user')), 50);
    await expect(api.waitForBatch(started.id, { pollMs: 1000, signal: ctl.signal })).rejects.toThrow('cancelled by the user');
    await expect(api.getBatch('nope')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses a results address that is neither HTTPS nor a loopback simulator, and an expired link', async () => {
    const { sim, api } = await client();
    await expect(api.readBatchResults('http://example.org/results.tar.gz')).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(api.readBatchResults('ftp://127.0.0.1/x')).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(api.readBatchResults(`http://127.0.0.1:${sim.port}/batch-results/${'0'.repeat(32)}.tar.gz`)).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});

describe('the results archive', () => {
  it('reads every regular file whatever its name, skips directories, and refuses garbage', async () => {
    const tar = pack();
    const chunks: Buffer[] = [];
    tar.on('data', (c: unknown) => void chunks.push(c as Buffer));
    const done = new Promise<void>((r) => tar.on('end', () => r()));
    tar.entry({ name: 'abc/', type: 'directory' });
    tar.entry({ name: 'abc/first.json' }, JSON.stringify([{ status_code: 200, operation_id: 'a', response: JSON.stringify({ id: 'h1', email_address: 'a@abv.bg', status: 'pending', merge_fields: { FNAME: 'x'.repeat(1000) } }) }]));
    tar.entry({ name: 'whatever-name' }, JSON.stringify([{ status_code: 400, operation_id: null, response: JSON.stringify({ title: 'Invalid Resource', status: 400, detail: 'Bitte gib eine gültige E-Mail-Adresse an.', errors: [{ field: 'email address', message: 'x' }], instance: 'i' }) }]));
    tar.finalize();
    await done;
    const results = await parseResultsArchive(Readable.from([gzipSync(Buffer.concat(chunks))]));
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ operationId: 'a', statusCode: 200, member: { id: 'h1', email_address: 'a@abv.bg', status: 'pending' } });
    expect(results[1]!.operationId).toBe('');
    expect(results[1]!.error).toMatchObject({ kind: 'invalid_email', detail: 'Bitte gib eine gültige E-Mail-Adresse an.' });
    await expect(parseResultsArchive(Readable.from([Buffer.from('not gzip at all')]))).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('retries a storage failure and then reads the archive', async () => {
    const { sim, api } = await client();
    const started = await api.startBatch([{ method: 'PUT', path: `/lists/${sim.listId}/members/${subscriberHash('r1@abv.bg')}`, operation_id: 'r1', body: JSON.stringify(row('r1@abv.bg').body) }]);
    const finished = await api.waitForBatch(started.id, { pollMs: 10 });
    // A flaky storage in front of the real archive: 503 twice, then the archive.
    let hits = 0;
    const proxy = http.createServer((req, res) => {
      hits += 1;
      if (hits <= 2) {
        res.writeHead(503).end();
        return;
      }
      void fetch(finished.response_body_url).then(async (r) => res.writeHead(200).end(Buffer.from(await r.arrayBuffer())));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/archive.tar.gz`;
      const results = await api.readBatchResults(url);
      expect(hits).toBe(3);
      expect(results).toEqual([expect.objectContaining({ operationId: 'r1', statusCode: 200 })]);
    } finally {
      proxy.close();
    }
  });
});

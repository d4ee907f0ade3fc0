import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../main/mailchimp-simulator/index.js';
import { startTestSim, type TestSim } from '../helpers/simulator/sim-client.js';

/** Auth, the simultaneous-connection limit, latency and fault injection (NOTES §3, §5, §10.9). */
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

/** What a client sees for one request: the status, or the network error code. */
async function outcome(t: TestSim, method: string, path: string, body?: unknown): Promise<string> {
  try {
    return String((await t.api.call(method, path, { body })).status);
  } catch {
    return 'network-error';
  }
}

const memberBody = (email: string) => ({ email_address: email, status_if_new: 'subscribed' });

describe('auth', () => {
  it('accepts any username with the key as password, refuses others with 401', async () => {
    const t = await sim();
    expect(t.sim.apiKey).toMatch(/^[0-9a-f]{32}-us1$/);
    expect((await t.api.get('/ping')).status).toBe(200);
    const wrong = await t.api.call('GET', '/ping', { key: `${'0'.repeat(32)}-us1` });
    expect(wrong.body).toMatchObject({ status: 401, title: 'API Key Invalid', detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter." });
    const missing = await t.api.call('GET', '/lists', { key: null });
    expect(missing.body).toMatchObject({ status: 401, title: 'API Key Missing' });
  });
});

describe('simultaneous connections', () => {
  it('answers the 11th of 11 concurrent requests with 429', async () => {
    const t = await sim({ latencyMs: 400 });
    const results = await Promise.all(Array.from({ length: 11 }, () => t.api.get('/ping')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    const refused = results.find((r) => r.status === 429);
    expect(refused?.body).toMatchObject({ title: 'Too Many Requests', detail: 'You have exceeded the limit of 10 simultaneous connections.' });
    expect(t.sim.stats()).toMatchObject({ throttled: 1, maxInFlight: 10 });
  });

  it('adds latency to every request and a per-member cost to batch writes', async () => {
    const t = await sim({ latencyMs: 150, perMemberMs: 2 });
    let t0 = performance.now();
    await t.api.get('/ping');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    t0 = performance.now();
    const members = Array.from({ length: 100 }, (_, i) => ({ email_address: `lat${i}@abv.bg`, status: 'subscribed' }));
    await t.api.post(t.list, { members });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(345);
  });
});

describe('fault injection', () => {
  it('parses the documented grammar and refuses bad rules', () => {
    const rules = parseFaultSpec('POST /lists/*:429:0.05, PUT /lists/*/members/*:500:0.05,*:reset:0.02,*:slow=3000:0.01,GET /3.0/lists/**:503:1,*:429=2:0.1,*:reset-after:0.1,*:500-after:0.1');
    expect(rules.map((r) => r.fault.kind)).toEqual(['status', 'status', 'reset', 'slow', 'status', 'status', 'reset-after', '500-after']);
    expect(rules[4]?.path).toEqual(['lists', '**']);
    for (const bad of ['*:418:0.1', 'PUT lists:500:0.1', '*:500:2', '*:slow:0.1', 'FETCH /x:500:0.1', '*:500']) {
      expect(() => parseFaultSpec(bad)).toThrow(/Bad fault rule/);
    }
  });

  it('is repeatable with the same seed and differs with another seed', async () => {
    const spec = 'PUT /lists/*/members/*:500:0.3,*:503:0.2';
    const run = async (seed: number) => {
      const t = await sim({ seed, faults: spec });
      const out: string[] = [];
      for (let i = 0; i < 30; i += 1) out.push(await outcome(t, 'PUT', `${t.list}/members/f${i % 5}@abv.bg`, memberBody(`f${i % 5}@abv.bg`)));
      return out.join(',');
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(a).toMatch(/500/);
    expect(a).toMatch(/200/);
    expect(await run(8)).not.toBe(a);
  });

  it('injects 429/500/503/reset before the write, and reset-after/500-after after it', async () => {
    const t = await sim();
    const path = (e: string) => `${t.list}/members/${e}`;
    for (const [kind, expected] of [['429=3', '429'], ['500', '500'], ['503', '503'], ['reset', 'network-error']] as const) {
      t.sim.setFaults(`PUT /lists/*/members/*:${kind}:1`);
      const email = `pre-${kind.replace('=', '')}@abv.bg`;
      expect(await outcome(t, 'PUT', path(email), memberBody(email))).toBe(expected);
      t.sim.setFaults('');
      expect((await t.api.get(path(email))).status).toBe(404);
    }
    t.sim.setFaults('PUT /lists/*/members/*:429=3:1');
    expect((await t.api.put(path('ra@abv.bg'), memberBody('ra@abv.bg'))).headers.get('retry-after')).toBe('3');
    for (const [kind, expected] of [['reset-after', 'network-error'], ['500-after', '500']] as const) {
      t.sim.setFaults(`PUT /lists/*/members/*:${kind}:1`);
      const email = `post-${kind}@abv.bg`;
      expect(await outcome(t, 'PUT', path(email), memberBody(email))).toBe(expected);
      t.sim.setFaults('');
      expect((await t.api.get(path(email))).body.status).toBe('subscribed');
    }
    expect(t.sim.stats().faults).toBe(7);
  });

  it('slows matching requests and leaves others alone', async () => {
    const t = await sim({ faults: 'GET /ping:slow=300:1' });
    let t0 = performance.now();
    expect((await t.api.get('/ping')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    t0 = performance.now();
    await t.api.get('/lists');
    expect(performance.now() - t0).toBeLessThan(250);
  });
});

describe('stats', () => {
  it('counts requests by route and writes, in-process and over HTTP', async () => {
    const t = await sim();
    await t.api.get('/ping');
    await t.api.put(`${t.list}/members/s@abv.bg`, memberBody('s@abv.bg'));
    await t.api.get('/nowhere');
    const auth = { Authorization: `Basic ${Buffer.from(`stats:${t.sim.apiKey}`).toString('base64')}` };
    const http = (await (await fetch(`http://127.0.0.1:${t.sim.port}/__simulator/stats`, { headers: auth })).json()) as Record<string, unknown>;
    expect(http).toEqual(t.sim.stats());
    expect(http).toMatchObject({
      requests: 3,
      writes: 1,
      byRoute: { 'GET /ping': 1, 'PUT /lists/{list_id}/members/{subscriber_hash}': 1, 'GET (unmatched)': 1 },
    });
    t.sim.resetStats();
    expect(t.sim.stats()).toMatchObject({ requests: 0, writes: 0, byRoute: {} });
  });
});

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';

/** The simulator refuses requests addressed to another host (DNS rebinding) and keeps its counters behind the key. */

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 4 });
});
afterAll(() => sim.close());

type Answer = { status: number; type: string; body: Record<string, unknown> | undefined };

/** One raw request to 127.0.0.1 with the Host header given (fetch would not let a test forge it). */
function request(method: string, path: string, opts: { host?: string; key?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Host: opts.host ?? `127.0.0.1:${sim.port}` };
  if (opts.key !== undefined) headers.Authorization = `Basic ${Buffer.from(`any:${opts.key}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sim.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host check', () => {
  it.each(['attacker.example', 'attacker.example:80', '127.0.0.1.nip.io', 'rebind.attacker.example:PORT', '127.0.0.1:1', 'localhost'])(
    'refuses Host %s with a 403 problem document and counts nothing',
    async (host) => {
      sim.resetStats();
      const res = await request('GET', '/3.0/ping', { host: host.replace('PORT', String(sim.port)), key: sim.apiKey });
      expect(res.status).toBe(403);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 403, title: 'Forbidden', detail: expect.stringContaining(`127.0.0.1:${sim.port}`) });
      expect(typeof res.body?.instance).toBe('string');
      expect(sim.stats().requests).toBe(0);
    },
  );

  it('refuses a foreign Host on the stats route too, even with the key', async () => {
    expect((await request('GET', '/__simulator/stats', { host: 'attacker.example', key: sim.apiKey })).status).toBe(403);
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LocalHost:PORT'])('serves Host %s', async (host) => {
    const res = await request('GET', '/3.0/ping', { host: host.replace('PORT', String(sim.port)), key: sim.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ health_status: "Everything's Chimpy!" });
  });
});

describe('API key', () => {
  it('refuses a wrong or missing key on the API', async () => {
    expect((await request('GET', '/3.0/ping', { key: 'f'.repeat(32) + '-us1' })).body).toMatchObject({ status: 401, title: 'API Key Invalid' });
    expect((await request('GET', '/3.0/ping')).body).toMatchObject({ status: 401, title: 'API Key Missing' });
  });

  it('keeps the stats behind the key', async () => {
    await request('GET', '/3.0/ping', { key: sim.apiKey });
    expect((await request('GET', '/__simulator/stats')).status).toBe(401);
    expect((await request('GET', '/__simulator/stats', { key: 'wrong-us1' })).status).toBe(401);
    const ok = await request('GET', '/__simulator/stats', { key: sim.apiKey });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(sim.stats());
  });

  it('resets the stats only with the key', async () => {
    await request('GET', '/3.0/ping', { key: sim.apiKey });
    const before = sim.stats().requests;
    expect(before).toBeGreaterThan(0);
    expect((await request('POST', '/__simulator/stats/reset')).status).toBe(401);
    expect((await request('POST', '/__simulator/stats/reset', { key: 'wrong-us1' })).status).toBe(401);
    expect(sim.stats().requests).toBe(before);
    expect((await request('POST', '/__simulator/stats/reset', { key: sim.apiKey })).status).toBe(204);
    expect(sim.stats().requests).toBe(0);
  });

  it('serves an explicit key instead of the seeded one', async () => {
    const other = await startSimulator({ port: 0, seed: 4, apiKey: `${'a'.repeat(32)}-us1` });
    try {
      expect(other.apiKey).toBe(`${'a'.repeat(32)}-us1`);
      const headers = { Authorization: `Basic ${Buffer.from(`x:${sim.apiKey}`).toString('base64')}` };
      expect((await fetch(`${other.baseUrl}/ping`, { headers })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

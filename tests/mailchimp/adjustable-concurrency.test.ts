import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { createSemaphore } from '../../main/mailchimp/semaphore.js';
import type { RateLimitEvent } from '../../main/mailchimp/mailchimp-api.js';

/** A concurrency cap the engine changes while calls run, and 429s it can see (issue 12, connections). */
const sims: SimulatorHandle[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('adjustable semaphore', () => {
  it('lowering the limit lets running tasks finish and holds new ones; raising it starts waiters at once', async () => {
    const sem = createSemaphore(4);
    const gates: Array<() => void> = [];
    const started: number[] = [];
    const tasks = Array.from({ length: 8 }, (_, i) =>
      sem.run(
        () =>
          new Promise<void>((resolve) => {
            started.push(i);
            gates[i] = resolve;
          }),
      ),
    );
    await tick(0);
    expect(started).toEqual([0, 1, 2, 3]);
    sem.setLimit(2);
    expect([sem.limit(), sem.active(), sem.waiting()]).toEqual([2, 4, 4]);
    gates[0]!();
    gates[1]!();
    await tick(0);
    // Two finished, but four were running under a limit of two: nothing new starts yet.
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!();
    await tick(0);
    // One left running: one new task under the limit of two.
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[3]!();
    await tick(0);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    sem.setLimit(5);
    await tick(0);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const i of [4, 5, 6, 7]) gates[i]!();
    await Promise.all(tasks);
    expect(sem.active()).toBe(0);
    sem.setLimit(0);
    expect(sem.limit()).toBe(1);
  });
});

describe('client concurrency at run time', () => {
  it('setConcurrency changes the requests in flight while calls run, within 1–10', async () => {
    const sim = await startSimulator({ port: 0, latencyMs: 200 });
    sims.push(sim);
    const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 2 });
    const first = Promise.all(Array.from({ length: 8 }, () => api.ping()));
    await tick(150);
    expect(sim.stats().maxInFlight).toBe(2);
    api.setConcurrency(6);
    await first;
    expect(sim.stats().maxInFlight).toBe(6);
    api.setConcurrency(50);
    expect(api.concurrency()).toBe(10);
    api.setConcurrency(0);
    expect(api.concurrency()).toBe(1);
    sim.resetStats();
    await Promise.all(Array.from({ length: 4 }, () => api.ping()));
    expect(sim.stats().maxInFlight).toBe(1);
  });

  it('reports every 429, retried ones too, so the engine can halve its concurrency', async () => {
    const sim = await startSimulator({ port: 0, latencyMs: 5, faults: 'GET /ping:429=0:0.4', seed: 5 });
    sims.push(sim);
    const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 8, retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } });
    const events: RateLimitEvent[] = [];
    const off = api.onRateLimited((e) => {
      events.push(e);
      api.setConcurrency(Math.max(1, Math.floor(api.concurrency() / 2)));
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.ping()));
    expect(answers.every((a) => a === "Everything's Chimpy!")).toBe(true);
    expect(events.length).toBe(sim.stats().faults);
    expect(events.length).toBeGreaterThan(0);
    expect(api.rateLimitedCount()).toBe(events.length);
    expect(events[0]).toMatchObject({ operation: 'GET /ping', attempt: expect.any(Number), retryAfterMs: 0 });
    expect(api.concurrency()).toBeLessThan(8);
    off();
    sim.setFaults('GET /ping:429=0:1');
    await expect(createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, retry: { maxAttempts: 1 } }).ping()).rejects.toMatchObject({ kind: 'rate_limit' });
    const before = events.length;
    sim.setFaults('GET /ping:429=0:1,GET /ping:429=0:0');
    await api.ping().catch(() => undefined);
    expect(events.length).toBe(before);
    expect(api.rateLimitedCount()).toBeGreaterThan(before);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startSync } from '../../main/sync/engine.js';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

/** A real run with the client the engine builds from the settings (its own connection cap). */
async function syncFromSettings(env: SyncEnv) {
  const { done } = await startSync(env.app.ctx, { dryRun: false });
  return done;
}

describe('connections: a polite share of the account', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('at most 5 requests in flight by default, and sync.maxConnections changes it', async () => {
    env = await createSyncEnv({ latencyMs: 40, perMemberMs: 0.2 });
    await env.importRows(manyRows(6000));
    await env.autoMap();
    env.sim.resetStats();
    const run = await syncFromSettings(env);
    expect(run.counts).toMatchObject({ created: 6000, failed: 0 });
    const peak = env.sim.stats().maxInFlight;
    expect(peak).toBeLessThanOrEqual(5);
    expect(peak).toBeGreaterThanOrEqual(3);

    expect(() => env.app.ctx.settings.set('sync.maxConnections', '11')).toThrow();
    env.app.ctx.settings.set('sync.maxConnections', '2');
    await env.importRows(manyRows(3000, 10_001));
    env.sim.resetStats();
    const second = await syncFromSettings(env);
    expect(second.counts).toMatchObject({ created: 3000, failed: 0 });
    expect(env.sim.stats().maxInFlight).toBeLessThanOrEqual(2);
  }, 90_000);

  it('with a neighbour holding 6 of the 10 connections, 20,000 clients sync with 0 failed and the neighbour meets only a handful of 429s', async () => {
    env = await createSyncEnv({ latencyMs: 40, perMemberMs: 0.2, neighbour: 6 });
    await env.importRows(manyRows(20_000));
    await env.autoMap();
    const run = await syncFromSettings(env);
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ clients: 20_000, created: 20_000, failed: 0 });
    const stats = env.sim.stats();
    expect(stats.neighbour?.requests ?? 0).toBeGreaterThan(0);
    expect(stats.neighbour?.throttled ?? 0).toBeLessThanOrEqual(5);
  }, 180_000);
});

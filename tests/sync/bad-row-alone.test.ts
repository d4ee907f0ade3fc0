import { afterEach, describe, expect, it } from 'vitest';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

const BATCH_ROUTE = 'POST /lists/{list_id}';

describe('bad rows stand alone: a batch that repeatedly answers 5xx because of one member', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('one email with the 500@email fault among 2,000 clients → exactly 1 failed, 1,999 synced', async () => {
    env = await createSyncEnv();
    const rows = manyRows(2000);
    const bad = rows[776]!.email;
    await env.importRows(rows);
    await env.autoMap();
    // Every batch subscribe that carries this address answers 500, every time (no rate: always).
    env.sim.setFaults(`POST /lists/*:500@${bad}`);
    const run = await env.sync();
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ clients: 2000, created: 1999, failed: 1 });
    const failed = env.items(run.runId).filter((it) => it.outcome === 'failed');
    expect(failed.map((it) => it.email)).toEqual([bad]);
    // Mailchimp's own message is kept for that member.
    expect(failed[0]!.error).toMatchObject({ code: 'mailchimp_server', params: { status: 500 } });
    expect(String(failed[0]!.error?.params.detail)).toMatch(/internal error/i);
    const members = await env.members();
    const synced = members.filter((m) => m.email_address.startsWith('client'));
    expect(synced).toHaveLength(1999);
    expect(synced.some((m) => m.email_address === bad)).toBe(false);
    // Splitting costs requests only along the bad member's halves, not a retry of everyone.
    const batches = env.sim.stats().byRoute[BATCH_ROUTE] ?? 0;
    expect(batches).toBeLessThan(150);
  }, 60_000);

  it('random 5xx that do not follow a member are retried, and nobody fails', async () => {
    env = await createSyncEnv({ seed: 11 });
    const rows = manyRows(1000);
    await env.importRows(rows);
    await env.autoMap();
    // A client that does not retry by itself, so the engine sees every 500 (about 3 batch requests in 10).
    const api = createMailchimpClient({ apiKey: env.sim.apiKey, baseUrl: env.sim.baseUrl, concurrency: 10, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    env.sim.setFaults('POST /lists/*:500:0.3');
    const run = await env.sync({ api, batchSize: 100 });
    expect(env.sim.stats().faults).toBeGreaterThan(3);
    expect(run.counts).toMatchObject({ clients: 1000, created: 1000, failed: 0 });
  }, 60_000);
});

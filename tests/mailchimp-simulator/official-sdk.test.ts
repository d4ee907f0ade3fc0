import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';

/**
 * The official SDK `@mailchimp/mailchimp_marketing` works against the simulator. A non-singleton client,
 * `basePath` set explicitly and `setConfig` without `server` (NOTES §8: the SDK replaces the first
 * "server" substring of the URL when `config.server` is set).
 */
const require = createRequire(import.meta.url);
type Sdk = {
  basePath: string;
  setConfig(c: { apiKey: string }): void;
  ping: { get(): Promise<{ health_status: string }> };
  lists: {
    getAllLists(opts?: object): Promise<{ lists: Array<{ id: string; name: string }>; total_items: number }>;
    getListMergeFields(id: string, opts?: object): Promise<{ merge_fields: Array<{ tag: string }>; total_items: number }>;
    setListMember(id: string, hash: string, body: object, opts?: object): Promise<{ id: string; status: string; merge_fields: Record<string, unknown> }>;
    batchListMembers(id: string, body: object, opts?: object): Promise<{ total_created: number; total_updated: number; error_count: number; errors: Array<{ error_code: string }> }>;
  };
};
const ApiClient = require('@mailchimp/mailchimp_marketing/src/ApiClient') as new () => Sdk;

let sim: SimulatorHandle;
let sdk: Sdk;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  sdk = new ApiClient();
  sdk.basePath = sim.baseUrl;
  sdk.setConfig({ apiKey: sim.apiKey });
});
afterAll(() => sim.close());

const md5 = (s: string) => createHash('md5').update(s.toLowerCase()).digest('hex');

describe('official SDK against the simulator', () => {
  it('pings and lists audiences and merge fields', async () => {
    expect(await sdk.ping.get()).toEqual({ health_status: "Everything's Chimpy!" });
    const lists = await sdk.lists.getAllLists();
    expect(lists.lists.map((l) => l.id)).toEqual([sim.listId]);
    const fields = await sdk.lists.getListMergeFields(sim.listId, { count: 1000 });
    expect(fields.total_items).toBe(9);
  });

  it('upserts a member with setListMember, even one whose address contains "server"', async () => {
    const email = 'server.room@abv.bg';
    const m = await sdk.lists.setListMember(sim.listId, md5(email), { email_address: email, status_if_new: 'subscribed', merge_fields: { FNAME: 'Сървър' } }, { skipMergeValidation: true });
    expect(m).toMatchObject({ id: md5(email), status: 'subscribed', merge_fields: { FNAME: 'Сървър' } });
  });

  it('batch subscribes with batchListMembers', async () => {
    const res = await sdk.lists.batchListMembers(
      sim.listId,
      { members: [{ email_address: 'sdk1@abv.bg', status: 'subscribed' }, { email_address: 'ivan.petrov@abv.bg', status: 'subscribed' }] },
      { skipDuplicateCheck: false },
    );
    expect(res).toMatchObject({ total_created: 1, total_updated: 0, error_count: 1 });
    expect(res.errors[0]?.error_code).toBe('ERROR_CONTACT_EXISTS');
  });

  it('rejects with the problem document on errors', async () => {
    const email = 'georgi.dimitrov@abv.bg';
    const err = (await sdk.lists.setListMember(sim.listId, md5(email), { email_address: email, status_if_new: 'subscribed', status: 'subscribed' }).catch((e: unknown) => e)) as {
      status: number;
      response: { body: { title: string; detail: string } };
    };
    expect(err.status).toBe(400);
    expect(err.response.body.title).toBe('Member In Compliance State');
    const bad = new ApiClient();
    bad.basePath = sim.baseUrl;
    bad.setConfig({ apiKey: `${'f'.repeat(32)}-us1` });
    const denied = (await bad.ping.get().catch((e: unknown) => e)) as { status: number; response: { body: { title: string } } };
    expect(denied.status).toBe(401);
    expect(denied.response.body.title).toBe('API Key Invalid');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createSyncEnv, manyRows, runCli, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

type Permission = { marketing_permission_id: string; text: string; enabled: boolean };

/** A member's marketing permissions as Mailchimp returns them on a GET. */
async function permissionsOf(env: SyncEnv, email: string): Promise<Permission[]> {
  const res = await fetch(`${env.sim.baseUrl}/lists/${env.listId}/members/${env.memberHash(email)}`, {
    headers: { Authorization: `Basic ${Buffer.from(`any:${env.sim.apiKey}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { marketing_permissions?: Permission[] };
  return body.marketing_permissions ?? [];
}

const enabledIds = (ps: readonly Permission[]) => ps.filter((p) => p.enabled).map((p) => p.marketing_permission_id);

describe('marketing permissions (GDPR)', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('new members carry the mapped permission (Batch Operations); existing members are untouched', async () => {
    env = await createSyncEnv({ gdpr: true, batchDelayMs: 20 });
    const rows = [...SEEDED, ...manyRows(40, 100)];
    await env.importRows(rows);
    await env.autoMap();
    const view = await env.call('mapping:permissions', {});
    expect(view.enabled).toBe(true);
    expect(view.permissions.map((p) => p.text)).toEqual(['Имейл', 'Директна поща', 'Персонализирана онлайн реклама']);
    const [email, post] = view.permissions;
    // Иван already opted in to email; Мария to nothing. Neither may change.
    const before = { ivan: await permissionsOf(env, 'ivan.petrov@abv.bg'), maria: await permissionsOf(env, 'maria.ivanova@gmail.com') };
    expect(enabledIds(before.ivan)).toEqual([email!.id]);

    await env.call('mapping:setPermission', { permissionId: post!.id });
    const bad = await env.app.dispatch('mapping:setPermission', { permissionId: 'nope123' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('mapping_unknown_permission');

    const run = await env.sync({ batchSize: 20 });
    expect(run.status).toBe('completed');
    expect(run.counts.created).toBe(41);
    expect(run.permissions).toEqual({ permission: 'Директна поща', granted: 41, failed: 0 });
    expect(env.sim.stats().byRoute['POST /batches']).toBe(1);
    for (const e of ['nov.klient@abv.bg', 'client100@shop-3.bg', 'client139@shop-42.bg']) expect(enabledIds(await permissionsOf(env, e))).toEqual([post!.id]);
    expect(await permissionsOf(env, 'ivan.petrov@abv.bg')).toEqual(before.ivan);
    expect(await permissionsOf(env, 'maria.ivanova@gmail.com')).toEqual(before.maria);

    // A few new members: one PUT each, no batch.
    await env.importRows([...rows, ...manyRows(3, 500)]);
    const second = await env.sync();
    expect(second.counts.created).toBe(3);
    expect(second.permissions).toEqual({ permission: 'Директна поща', granted: 3, failed: 0 });
    expect(env.sim.stats().byRoute['POST /batches']).toBe(1);
    expect(enabledIds(await permissionsOf(env, 'client501@shop-16.bg'))).toEqual([post!.id]);
    // Members updated by the second run keep what they had.
    expect(enabledIds(await permissionsOf(env, 'client100@shop-3.bg'))).toEqual([post!.id]);
  }, 60_000);

  it('"none" grants nothing', async () => {
    env = await createSyncEnv({ gdpr: true });
    await env.importRows(manyRows(5));
    await env.autoMap();
    await env.call('mapping:setPermission', { permissionId: null });
    const run = await env.sync();
    expect(run.counts.created).toBe(5);
    expect(run.permissions).toBeUndefined();
    expect(enabledIds(await permissionsOf(env, 'client1@shop-1.bg'))).toEqual([]);
  }, 60_000);

  it('the CLI lists the permissions and maps one (map permission <id>|none)', async () => {
    env = await createSyncEnv({ gdpr: true });
    await env.importRows(manyRows(3));
    const db = path.join(env.app.dir, 'barsy-sync.sqlite');
    const view = await env.call('mapping:permissions', {});
    expect(view.mapping).toBeNull();
    const email = view.permissions[0]!;
    const set = await runCli(['map', 'permission', email.id, '--db', db]);
    expect(set.code, set.stderr).toBe(0);
    const text = await runCli(['map', 'permission', '--db', db]);
    expect(text.stdout).toContain(`* ${email.id}  ${email.text}`);
    expect(text.stdout).toContain(`new members get: ${email.text}`);
    const bad = await runCli(['map', 'permission', 'nope', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no marketing permission with ID "nope"/);
    expect((await runCli(['map', 'permission', 'none', '--db', db])).code).toBe(0);
    expect((await env.call('mapping:permissions', {})).mapping).toEqual({ permissionId: null, permissionText: null });
  }, 120_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { createInterestForGroup } from '../../main/mapping/mapping-service.js';
import { createSyncEnv, memberOf, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

describe('mappings per audience', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  const call = async (channel: string, req: unknown) => env.app.dispatch(channel, req);
  const value = async (channel: string, req: unknown) => {
    const res = await call(channel, req);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return res.value as never;
  };
  const errorCode = async (channel: string, req: unknown) => {
    const res = await call(channel, req);
    return res.ok ? 'ok' : res.error.code;
  };

  it('auto-matches groups by normalised name and fields by name or Barsy synonym; unmatched stay undecided', async () => {
    env = await createSyncEnv();
    await env.importRows([
      { id: 1, name: 'А Б', email: 'a@abv.bg', group: 'редовни  КЛИЕНТИ' },
      { id: 2, name: 'В Г', email: 'b@abv.bg', group: 'VI\u0420', company: 'Фирма ООД', manager: ['Мениджър', '0888'] },
      { id: 3, name: 'Д Е', email: 'c@abv.bg', group: 'Служители' },
    ]);
    const auto = await value('mapping:auto', {});
    expect(auto).toMatchObject({ groupsMatched: 2, fieldsMatched: 4 });
    const m = (await value('mapping:get', {})) as { groups: Array<Record<string, unknown>>; fields: Array<Record<string, unknown>> };
    const g = Object.fromEntries(m.groups.map((x) => [x.barsyGroup, x]));
    expect(g['редовни  КЛИЕНТИ']).toMatchObject({ interestName: 'Редовни клиенти', mapped: true, missingInMailchimp: false });
    expect(g['VI\u0420']).toMatchObject({ interestName: 'VIP', mapped: true });
    expect(g['Служители']).toMatchObject({ interestId: null, mapped: false });
    const f = Object.fromEntries(m.fields.map((x) => [x.source, x.tag]));
    expect(f).toMatchObject({ name: 'FNAME', email: null, company: 'MMERGE9', Бележка: 'NOTE', 'Управител: Име': 'REPRES', 'Управител: Телефон': 'REPRES', Телефон: null });
  });

  it('validates what is mapped: groups of the import, interests and TEXT tags of the audience', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    expect(await errorCode('mapping:setGroup', { barsyGroup: 'Няма такава', interestId: null })).toBe('mapping_unknown_group');
    expect(await errorCode('mapping:setGroup', { barsyGroup: 'VIP', interestId: 'nope' })).toBe('mapping_unknown_interest');
    expect(await errorCode('mapping:setGroup', { barsyGroup: 'VIP', interestId: await env.interestId('Фирми') })).toBe('ok');
    expect(await errorCode('mapping:setField', { source: 'Телефон', tag: 'PHONE' })).toBe('mapping_tag_not_text');
    expect(await errorCode('mapping:setField', { source: 'Телефон', tag: 'NOPE' })).toBe('mapping_unknown_tag');
    expect(await errorCode('mapping:setField', { source: 'Телефон', tag: 'MUCH_TOO_LONG' })).toBe('mapping_tag_invalid');
    expect(await errorCode('mapping:setField', { source: 'Няма', tag: 'NOTE' })).toBe('mapping_unknown_source');
    expect(await errorCode('mapping:setField', { source: 'Телефон', tag: 'note' })).toBe('ok');
    const m = (await value('mapping:get', {})) as { groups: Array<Record<string, unknown>>; fields: Array<Record<string, unknown>> };
    expect(m.groups.find((x) => x.barsyGroup === 'VIP')).toMatchObject({ interestName: 'Фирми', mapped: true });
    expect(m.fields.find((x) => x.source === 'Телефон')).toMatchObject({ tag: 'NOTE', mapped: true, notText: false });
  });

  it('"don\'t sync" skips a group’s clients; a missing interest can be created in a chosen category', async () => {
    env = await createSyncEnv();
    await env.importRows([...SEEDED.slice(0, 2), { id: 40, name: 'Служител Един', email: 'sluzhitel@abv.bg', group: 'Служители' }]);
    await value('mapping:auto', {});
    await value('mapping:setGroup', { barsyGroup: 'VIP', interestId: null });
    const categories = await env.api.listInterestCategories(env.listId);
    const id = await createInterestForGroup(env.app.ctx, 'Служители', categories[0]!.id);
    const run = await env.sync();
    const items = env.items(run.runId);
    expect(items.find((it) => it.email === 'maria.ivanova@gmail.com')).toMatchObject({ outcome: 'skipped', reason: 'group_not_mapped' });
    expect(items.find((it) => it.email === 'sluzhitel@abv.bg')?.outcome).toBe('created');
    expect(memberOf(await env.members(), 'sluzhitel@abv.bg').interests[id]).toBe(true);
  });

  it('preflight refuses an audience whose required field gets no value; mapping a source to it fixes that', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED.slice(0, 2));
    await value('mapping:auto', {});
    const res = await fetch(`${env.sim.baseUrl}/lists/${env.listId}/merge-fields`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`x:${env.sim.apiKey}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Град', type: 'text', tag: 'CITY', required: true }),
    });
    expect(res.status).toBe(200);
    const failed = await env.sync();
    expect(failed.error?.code).toBe('preflight_failed');
    expect(failed.error?.problems).toEqual([{ code: 'mapping_required_unmapped', params: { tag: 'CITY', name: 'Град' } }]);
    await value('mapping:setField', { source: 'Телефон', tag: 'CITY' });
    const ok = await env.sync();
    expect(ok.status).toBe('completed');
  });

  it('examples show the longest combined value of a tag and whether it will be cut', async () => {
    env = await createSyncEnv();
    await env.importRows([...SEEDED, { id: 50, name: 'Дълъг', email: 'dalag@abv.bg', group: 'VIP', note: 'д'.repeat(200) }]);
    await value('mapping:auto', {});
    expect(await value('mapping:examples', { tag: 'REPRES' })).toEqual({
      tag: 'REPRES',
      example: 'Стоян Липов, 0888 555 111; Ваня Маркова, 0899 222 333',
      bytes: Buffer.byteLength('Стоян Липов, 0888 555 111; Ваня Маркова, 0899 222 333'),
      limitBytes: 255,
      clipped: false,
    });
    expect(await value('mapping:examples', { tag: 'NOTE' })).toMatchObject({ example: 'д'.repeat(127), bytes: 400, clipped: true });
  });
});

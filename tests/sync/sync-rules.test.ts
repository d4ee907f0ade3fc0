import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/domain/sync.js';
import { mirrorStore } from '../../main/sync/mirror-store.js';
import type { MailchimpApi } from '../../main/mailchimp/mailchimp-api.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { createSyncEnv, memberOf, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

/** Every client has exactly one outcome and the counts add up. */
function expectCountsAddUp(s: RunSummary): void {
  const c = s.counts;
  expect(c.created + c.updated + c.unchanged + c.skipped + c.keptStatus + c.failed).toBe(c.clients);
  expect(c.created + c.updated + c.unchanged + c.keptStatus + c.failed).toBe(c.eligible);
}

describe('sync against the simulator: what is sent and statuses', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('creates new members subscribed, never re-subscribes unsubscribed/cleaned/pending, subscribes transactional and archived, fails forgotten', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    await env.autoMap();
    const before = await env.members();
    const run = await env.sync();
    expect(run.status).toBe('completed');
    expectCountsAddUp(run);
    const byEmail = new Map(env.items(run.runId).map((it) => [it.email, it]));
    const after = await env.members();

    // unsubscribed / cleaned / pending: untouched in Mailchimp (same last_changed) and reported with their status
    for (const [email, status] of [['georgi.dimitrov@abv.bg', 'unsubscribed'], ['elena.stoyanova@gmail.com', 'cleaned'], ['petar.nikolov@abv.bg', 'pending']] as const) {
      expect(memberOf(after, email).status).toBe(status);
      expect(memberOf(after, email).last_changed).toBe(memberOf(before, email).last_changed);
      expect(byEmail.get(email)).toMatchObject({ outcome: 'keptStatus', memberStatus: status });
    }
    // transactional with the Barsy flag and archived: subscribed
    expect(memberOf(after, 'desislava.georgieva@gmail.com').status).toBe('subscribed');
    expect(memberOf(after, 'nikolay.todorov@abv.bg').status).toBe('subscribed');
    expect(byEmail.get('nikolay.todorov@abv.bg')?.outcome).toBe('updated');
    // permanently deleted: failed with Mailchimp's reason
    expect(byEmail.get('stefan.kolev@gmail.com')).toMatchObject({ outcome: 'failed', error: { code: 'mailchimp_forgotten_email' } });
    expect(after.some((m) => m.email_address === 'stefan.kolev@gmail.com')).toBe(false);
    // a new client: subscribed, FNAME first word, LNAME the rest, its group's interest on
    const nov = memberOf(after, 'nov.klient@abv.bg');
    expect(byEmail.get('nov.klient@abv.bg')?.outcome).toBe('created');
    expect(nov.status).toBe('subscribed');
    expect(nov.merge_fields).toMatchObject({ FNAME: 'Нов', LNAME: 'Клиент', NOTE: 'Предпочита SMS' });
    expect(nov.interests[await env.interestId('VIP')]).toBe(true);
    expect(nov.interests[await env.interestId('Фирми')]).toBe(false);
    // representatives: values of one joined with ", ", representatives with "; " in export order
    expect(memberOf(after, 'restorant.lipa@abv.bg').merge_fields.REPRES).toBe('Стоян Липов, 0888 555 111; Ваня Маркова, 0899 222 333');
    expect(memberOf(after, 'restorant.lipa@abv.bg').merge_fields.MMERGE9).toBe('Липа ЕООД');

    // The forgotten address is not retried on the next run and nothing else is written.
    const writes = env.writes();
    const again = await env.sync();
    expect(env.writes() - writes).toBe(0);
    expectCountsAddUp(again);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 1, keptStatus: 3 });
  });

  it('a no-change re-sync sends zero write requests; a changed group flips interests and leaves unmanaged ones alone', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    await env.autoMap();
    await env.sync();
    const writes = env.writes();
    const requests = env.sim.stats().requests;
    const cursor = mirrorStore(env.app.ctx.db, env.listId).cursor().since;
    const second = await env.sync();
    // Nothing new was read, so the read cursor stays where it was (it must never run ahead of Mailchimp's clock).
    expect(mirrorStore(env.app.ctx.db, env.listId).cursor().since).toBe(cursor);
    expect(env.writes() - writes).toBe(0);
    expect(second.counts.created + second.counts.updated).toBe(0);
    expect(second.requests).toBe(env.sim.stats().requests - requests);
    // A change in Mailchimp since the last run is seen (the plan of the last run is not reused blindly).
    await env.api.unsubscribeMember(env.listId, 'maria.ivanova@gmail.com');
    const afterUnsub = await env.sync();
    expect(env.items(afterUnsub.runId).find((it) => it.email === 'maria.ivanova@gmail.com')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'unsubscribed' });
    expect(env.writes() - writes).toBe(1);

    // Иван moves from "Редовни клиенти" to VIP; his "Промоции" interest (not managed) stays on.
    await env.importRows(SEEDED.map((r) => (r.id === 1 ? { ...r, group: 'VIP' } : r)));
    const third = await env.sync();
    expect(third.counts).toMatchObject({ updated: 1, created: 0 });
    expect(env.items(third.runId).find((it) => it.email === 'ivan.petrov@abv.bg')?.outcome).toBe('updated');
    const ivan = memberOf(await env.members(), 'ivan.petrov@abv.bg');
    expect(ivan.interests[await env.interestId('VIP')]).toBe(true);
    expect(ivan.interests[await env.interestId('Редовни клиенти')]).toBe(false);
    expect(ivan.interests[await env.interestId('Промоции')]).toBe(true);
    expectCountsAddUp(third);
  });

  it('never re-subscribes a member who unsubscribed after the audience was read (batch update_existing keeps the status)', async () => {
    env = await createSyncEnv();
    await env.importRows(SEEDED);
    await env.autoMap();
    await env.sync();
    // Barsy data of Иван and Мария change; right before the push Иван unsubscribes and Мария is re-asked to
    // confirm (pending) in Mailchimp: the plan still thinks both are subscribed.
    await env.importRows(SEEDED.map((r) => (r.id === 1 || r.id === 2 ? { ...r, note: 'нова бележка' } : r)));
    const run = await env.sync({
      beforePush: async () => {
        await env.api.unsubscribeMember(env.listId, 'ivan.petrov@abv.bg');
        await env.api.upsertMember(env.listId, env.memberHash('maria.ivanova@gmail.com'), { email_address: 'maria.ivanova@gmail.com', status_if_new: 'pending', status: 'pending' });
      },
    });
    const after = await env.members();
    expect(memberOf(after, 'ivan.petrov@abv.bg').status).toBe('unsubscribed');
    expect(memberOf(after, 'maria.ivanova@gmail.com').status).toBe('pending');
    const items = env.items(run.runId);
    expect(items.find((it) => it.email === 'ivan.petrov@abv.bg')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'unsubscribed' });
    expect(items.find((it) => it.email === 'maria.ivanova@gmail.com')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'pending' });
    expectCountsAddUp(run);
  });

  it('cuts merge values to 255 UTF-8 bytes at a character boundary and reports each shortened value', async () => {
    // The simulator rejects (instead of clipping) values over 255 bytes: the engine must never rely on Mailchimp clipping.
    env = await createSyncEnv({ textOverflow: 'reject' });
    const longNote = 'Ж'.repeat(200) + ' край';
    await env.importRows([...SEEDED.slice(0, 2), { id: 20, name: 'Дълга Бележка', email: 'dalga@abv.bg', group: 'VIP', note: longNote }]);
    await env.autoMap();
    const run = await env.sync();
    const item = env.items(run.runId).find((it) => it.email === 'dalga@abv.bg');
    expect(item?.outcome).toBe('created');
    expect(item?.shortened).toEqual([{ tag: 'NOTE', originalBytes: Buffer.byteLength(longNote), sentValue: 'Ж'.repeat(127) }]);
    const note = String(memberOf(await env.members(), 'dalga@abv.bg').merge_fields.NOTE);
    expect(note).toBe('Ж'.repeat(127));
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(255);
    // The shortened value is stable: the re-sync sees no difference.
    const writes = env.writes();
    await env.sync();
    expect(env.writes()).toBe(writes);
  });

  it('an archived member who had unsubscribed before is not re-added: Mailchimp refuses, the client is reported kept', async () => {
    env = await createSyncEnv();
    expect(await env.api.archiveMember(env.listId, env.memberHash('georgi.dimitrov@abv.bg'))).toBe('archived');
    await env.importRows(SEEDED.filter((r) => r.id === 4 || r.id === 10));
    await env.autoMap();
    const run = await env.sync();
    expect(env.items(run.runId).find((it) => it.email === 'georgi.dimitrov@abv.bg')).toMatchObject({ outcome: 'keptStatus', memberStatus: 'archived' });
    expect(memberOf(await env.members(), 'georgi.dimitrov@abv.bg').status).toBe('archived');
    expectCountsAddUp(run);
    // Not asked again: a re-sync with another client changed sends only that client.
    await env.importRows(SEEDED.filter((r) => r.id === 4 || r.id === 10).map((r) => (r.id === 10 ? { ...r, note: 'друга' } : r)));
    const sent: string[] = [];
    const spy: MailchimpApi = {
      ...env.api,
      batchSubscribe: (listId, members, o) => {
        sent.push(...members.map((m) => m.email_address));
        return env.api.batchSubscribe(listId, members, o);
      },
    };
    const again = await env.sync({ api: spy });
    expect(again.counts).toMatchObject({ updated: 1, keptStatus: 1 });
    expect(sent).toEqual(['nov.klient@abv.bg']);
  });

  it('whole-name mode puts the whole name into FNAME', async () => {
    env = await createSyncEnv();
    env.app.ctx.settings.set('sync.nameMode', 'whole');
    await env.importRows([{ id: 1, name: 'Мария  Петрова Иванова', email: 'maria.pi@abv.bg', group: 'VIP' }]);
    await env.autoMap();
    await env.sync();
    expect(memberOf(await env.members(), 'maria.pi@abv.bg').merge_fields.FNAME).toBe('Мария Петрова Иванова');
  });

  it('one bad member blocks nobody: a fake-looking address fails alone with Mailchimp’s message', async () => {
    env = await createSyncEnv();
    await env.importRows([...SEEDED.slice(0, 2), { id: 30, name: 'Тест Фалшив', email: 'someone@example.com', group: 'VIP' }, { id: 31, name: 'Добър Клиент', email: 'dobar@abv.bg', group: 'VIP' }]);
    await env.autoMap();
    const run = await env.sync();
    const items = env.items(run.runId);
    expect(items.find((it) => it.email === 'someone@example.com')).toMatchObject({ outcome: 'failed', error: { code: 'mailchimp_invalid_email' } });
    expect(items.find((it) => it.email === 'dobar@abv.bg')?.outcome).toBe('created');
    expectCountsAddUp(run);
  });

  it('a request Mailchimp refuses as a whole is halved until the one bad member stands alone', async () => {
    env = await createSyncEnv();
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, name: `Клиент ${i}`, email: `k${i}@abv.bg`, group: 'VIP' }));
    await env.importRows(rows);
    await env.autoMap();
    let calls = 0;
    const spy: MailchimpApi = {
      ...env.api,
      batchSubscribe: async (listId, members, o) => {
        calls += 1;
        if (members.some((m) => m.email_address === 'k17@abv.bg')) throw new MailchimpError({ kind: 'bad_request', status: 400, title: 'Invalid Resource', detail: 'The resource submitted could not be validated.' });
        return env.api.batchSubscribe(listId, members, o);
      },
    };
    const run = await env.sync({ api: spy, batchSize: 20 });
    const items = env.items(run.runId);
    expect(items.find((it) => it.email === 'k17@abv.bg')).toMatchObject({ outcome: 'failed', error: { code: 'mailchimp_bad_request' } });
    expect(run.counts).toMatchObject({ created: 39, failed: 1 });
    expect(calls).toBeLessThanOrEqual(2 + 2 * Math.ceil(Math.log2(20)));
  });
});

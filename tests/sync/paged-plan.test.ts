import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/domain/import.js';
import { loadClients } from '../../main/import/client-store.js';
import { mirrorStore } from '../../main/sync/mirror-store.js';
import { clientCount, clientPages } from '../../main/sync/prepare.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callOk, sample } from '../helpers/import-files.js';

let app: TempApp;
let importId: number;
beforeAll(async () => {
  app = createTempApp('barsy-paged-');
  await callOk(app.dispatch, 'import:run', { path: sample('clients-utf8.csv') });
  importId = (await callOk<ImportSummary>(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-wide.csv') })).importId;
});
afterAll(async () => {
  await app.cleanup();
});

describe('paged planning input (a million clients are never all in memory)', () => {
  it('pages of any size give exactly the clients of loadClients, in file order, with their representatives', () => {
    const all = loadClients(app.ctx.db, importId);
    expect(all.length).toBeGreaterThan(3);
    expect(clientCount(app.ctx, importId)).toBe(all.length);
    for (const size of [1, 2, 3, all.length, all.length + 5]) {
      const pages = [...clientPages(app.ctx, importId, size)];
      expect(pages.every((p) => p.length <= size && p.length > 0)).toBe(true);
      expect(pages.flat()).toEqual(all);
    }
    // Another import's clients never leak into this one's pages.
    expect([...clientPages(app.ctx, importId, 2)].flat().every((c) => c.importId === importId)).toBe(true);
    expect([...clientPages(app.ctx, 999, 2)]).toEqual([]);
  });

  it('the mirror lookup returns only the asked members, with our state, and nothing for unknown ones', () => {
    const mirror = mirrorStore(app.ctx.db, 'list1');
    const member = (email: string, status: 'subscribed' | 'unsubscribed') => ({
      id: subscriberHash(email), email_address: email, status, merge_fields: { FNAME: 'A' }, interests: {}, last_changed: '2026-01-02T03:04:05+00:00',
    });
    mirror.putPage([member('a@x.bg', 'subscribed'), member('b@x.bg', 'unsubscribed')] as never);
    app.ctx.db.transaction(() => mirror.setState(subscriberHash('a@x.bg'), 'a@x.bg', { synced: true, forgotten: false, confirmedKey: 'k1', confirmedLastChanged: 'lc' }, 1))();
    const idx = mirror.lookup([subscriberHash('a@x.bg'), subscriberHash('nobody@x.bg')]);
    expect(idx.light(subscriberHash('a@x.bg'))).toEqual({ status: 'subscribed', lastChanged: '2026-01-02T03:04:05+00:00' });
    expect(idx.state(subscriberHash('a@x.bg'))).toEqual({ synced: true, forgotten: false, confirmedKey: 'k1', confirmedLastChanged: 'lc' });
    // b is mirrored but was not asked for; nobody is unknown.
    expect(idx.light(subscriberHash('b@x.bg'))).toBeUndefined();
    expect(idx.light(subscriberHash('nobody@x.bg'))).toBeUndefined();
    expect(idx.state(subscriberHash('nobody@x.bg')).synced).toBe(false);
    expect([...mirror.syncedMembers()]).toEqual([{ hash: subscriberHash('a@x.bg'), email: 'a@x.bg' }]);
  });
});

// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/domain/sync.js';
import { App } from '../../renderer/src/app/app.js';
import { initI18n } from '../../renderer/src/i18n/index.js';
import { answerRuns, createFakeBarsyApi, progressEvent, runningSummary, runSummary, type FakeBarsyApi } from '../helpers/fake-barsy-api.js';
import { during, render, settle, type Rendered } from './render.js';

/** Every Notification the page creates, recorded (happy-dom has none of its own). */
const shown: Array<{ title: string; body: string | undefined }> = [];
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static requests = 0;
  static requestPermission(): Promise<NotificationPermission> {
    RecordingNotification.requests++;
    return Promise.resolve('granted');
  }
  constructor(title: string, options?: NotificationOptions) {
    shown.push({ title, body: options?.body });
  }
}

type BridgeGlobal = { __BARSY_BRIDGE__?: { token: string; notifyInPage?: boolean } };
let api: FakeBarsyApi;
let app: Rendered | null = null;
let stored: RunSummary[];

beforeAll(() => {
  initI18n();
  Object.defineProperty(globalThis, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
});

beforeEach(() => {
  shown.length = 0;
  RecordingNotification.requests = 0;
  stored = [runSummary({ runId: 1 })];
  api = createFakeBarsyApi();
  window.barsy = api;
  api.answer('settings:get', () => ({ ok: true, value: { values: { 'ui.language': 'bg', 'ui.wizardStep': 'done', 'report.email': 'owner@abv.bg' }, secretsSet: {}, secretStorage: 'fallback-file-key' } }));
  api.answer('app:info', () => ({ ok: true, value: { version: '0.1.0', dataDir: '/data', dbPath: '/data/db.sqlite', secretStorage: 'fallback-file-key' } }));
  answerRuns(api, () => stored);
  api.answer('import:current', () => ({
    ok: true,
    value: {
      importId: 1, fileName: 'clients.csv', rows: 10, clients: 10, representatives: 0, encoding: 'cp1251', delimiter: ';', eligible: 8,
      ineligible: { group_not_mapped: 0, not_subscribed: 0, no_email: 0, invalid_email: 0, deleted: 0, duplicate_email: 2 }, duplicates: 0, groups: [], alreadyImported: false, warnings: [], createdAt: '2026-12-01T10:00:00.000Z',
    },
  }));
  api.answer('mapping:get', () => ({ ok: false, error: { code: 'internal', params: {} } }));
  api.answer('sync:start', () => {
    stored.push(runningSummary(2));
    return { ok: true, value: { runId: 2 } };
  });
  window.location.hash = '#/sync';
});

afterEach(async () => {
  await app?.unmount();
  app = null;
  delete (globalThis as BridgeGlobal).__BARSY_BRIDGE__;
  delete window.barsy;
});

/** The whole app on the sync screen, a sync started with its button, then run to its end by events. */
async function syncToTheEnd(): Promise<void> {
  app = await render(createElement(App));
  await settle();
  const button = [...app.container.querySelectorAll('button')].find((b) => b.textContent === 'Синхронизирай сега');
  expect(button).toBeDefined();
  await during(() => button!.click());
  expect(api.callsTo('sync:start')).toBe(1);
  await during(() => api.emit('sync:progress', progressEvent(2, 5)));
  const end = runSummary({ runId: 2 });
  stored[1] = end;
  await during(() => api.emit('sync:finished', end));
  await during(() => api.emit('report:status', { runId: 2, reportEmail: { status: 'sent', to: 'owner@abv.bg', sentAt: end.finishedAt, error: null } }));
  expect(app.container.textContent).toContain('Синхронизация № 2');
}

describe('the end-of-sync notification comes from one place', () => {
  it('in the browser bridge: exactly one browser notification per finished sync', async () => {
    (globalThis as BridgeGlobal).__BARSY_BRIDGE__ = { token: 't', notifyInPage: true };
    await syncToTheEnd();
    expect(shown.map((n) => n.title)).toEqual(['Синхронизацията завърши']);
    expect(shown[0]?.body).toMatch(/5.*2/);
    // The app listens once, whatever screens are open.
    expect(api.listeners('sync:finished')).toBe(1);
    // Permission was decided already: nothing asked.
    expect(RecordingNotification.requests).toBe(0);

    // Another screen open, another run ending there (e.g. resumed): one more, not two.
    await act(async () => void (window.location.hash = '#/reports'));
    await settle();
    expect(app?.container.textContent).toContain('Експорт в CSV');
    await during(() => api.emit('sync:finished', runSummary({ runId: 1, status: 'cancelled' })));
    expect(shown.map((n) => n.title)).toEqual(['Синхронизацията завърши', 'Синхронизацията е спряна']);
  });

  it('in the browser bridge the start button asks for permission when not yet decided', async () => {
    (globalThis as BridgeGlobal).__BARSY_BRIDGE__ = { token: 't', notifyInPage: true };
    RecordingNotification.permission = 'default';
    try {
      await syncToTheEnd();
      expect(RecordingNotification.requests).toBe(1);
    } finally {
      RecordingNotification.permission = 'granted';
    }
  });

  it('in the desktop app the page shows none: main does', async () => {
    await syncToTheEnd();
    expect(shown).toEqual([]);
    expect(RecordingNotification.requests).toBe(0);
  });
});

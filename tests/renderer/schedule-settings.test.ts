// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/src/i18n/index.js';
import { AutomaticSyncCard } from '../../renderer/src/screens/home/automatic-sync-card.js';
import { ScheduleSettings } from '../../renderer/src/screens/settings/schedule-settings.js';
import type { ResponseOf } from '../../shared/ipc-contract.js';
import { runSummary } from '../helpers/fake-barsy-api.js';
import { setUpRenderer } from './harness.js';
import { settle } from './render.js';

const VIEW: ResponseOf<'schedule:set'> = {
  enabled: true,
  kind: 'weekly',
  at: 'monday 07:00',
  next: '2026-12-07T07:00:00+02:00',
  command: '"C:\\Program Files\\Barsy Mailchimp Sync\\Barsy Mailchimp Sync.exe" --sync --watch --quiet',
  entry: 'Barsy Mailchimp Sync',
};

describe('Settings › Automatic sync and Home', () => {
  const h = setUpRenderer({ events: false });
  beforeAll(() => initI18n());

  const mount = async (node: ReturnType<typeof createElement>) => {
    h.api.answer('settings:get', () => ({ ok: true, value: { values: { 'ui.language': 'bg', 'watch.folder': '' }, secretsSet: {}, secretStorage: 'os-keychain' } }));
    h.api.answer('app:info', () => ({ ok: true, value: { version: '1.0.0', dataDir: '/d', dbPath: '/d/db', secretStorage: 'os-keychain' } as ResponseOf<'app:info'> }));
    return h.mountScreen(node);
  };

  it('shows what is registered and saves a new weekly time through schedule:set', async () => {
    let current: ResponseOf<'schedule:set'> = { enabled: false };
    h.api.answer('schedule:get', () => ({ ok: true, value: { schedule: current, lastAutomaticRun: null } }));
    h.api.answer('schedule:set', (req) => {
      current = { ...VIEW, at: `${req.day} ${req.time}` };
      return { ok: true, value: current };
    });
    const r = await mount(createElement(ScheduleSettings));
    expect(r.container.querySelector('[data-testid="schedule-current"]')).toBeNull();
    const weekly = [...r.container.querySelectorAll('label')].find((l) => l.textContent === 'Всяка седмица')!;
    await act(async () => weekly.click());
    await settle();
    const time = r.container.querySelector('input[type="time"]') as HTMLInputElement;
    expect(time.value).toBe('07:00');
    await act(async () => (r.container.querySelector('[data-testid="schedule-save"]') as HTMLButtonElement).click());
    await settle();
    expect(h.api.calls.filter((c) => c.channel === 'schedule:set').map((c) => c.request)).toEqual([{ kind: 'weekly', time: '07:00', day: 'monday' }]);
    const shown = r.container.querySelector('[data-testid="schedule-current"]')!.textContent!;
    expect(shown).toContain('Barsy Mailchimp Sync.exe" --sync --watch --quiet');
    expect(shown).toContain('Записано като: Barsy Mailchimp Sync');
  });

  it('saves the export folder as the watch.folder setting', async () => {
    h.api.answer('schedule:get', () => ({ ok: true, value: { schedule: { enabled: false }, lastAutomaticRun: null } }));
    h.api.answer('settings:set', (req) => ({ ok: true, value: { values: { [req.key]: req.value }, secretsSet: {}, secretStorage: 'os-keychain' } }));
    const r = await mount(createElement(ScheduleSettings));
    const section = r.container.querySelector('[data-testid="watch-folder-settings"]')!;
    const input = section.querySelector('input') as HTMLInputElement;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input, 'C:\\Barsy\\Export');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (section.querySelector('button') as HTMLButtonElement).click());
    await settle();
    expect(h.api.calls.filter((c) => c.channel === 'settings:set').map((c) => c.request)).toEqual([{ key: 'watch.folder', value: 'C:\\Barsy\\Export' }]);
  });

  it('Home shows the next run and the last automatic run', async () => {
    h.api.answer('schedule:get', () => ({ ok: true, value: { schedule: VIEW, lastAutomaticRun: runSummary({ runId: 12, status: 'failed' }) } }));
    const r = await mount(createElement(AutomaticSyncCard));
    const card = r.container.querySelector('[data-testid="home-automatic"]')!.textContent!;
    expect(card).toMatch(/Следваща: .*2026/);
    expect(card).toContain('Последна автоматична синхронизация');
  });
});

// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/src/i18n/index.js';
import { AutoUpdateSwitch } from '../../renderer/src/screens/settings/auto-update-switch.js';
import { ScheduledSyncSwitch } from '../../renderer/src/screens/settings/scheduled-sync-switch.js';
import type { ResponseOf } from '../../shared/ipc-contract.js';
import { setUpRenderer } from './harness.js';
import { settle } from './render.js';

describe('Settings switches (auto-update, scheduled-sync copy)', () => {
  const h = setUpRenderer({ events: false });
  beforeAll(() => initI18n());

  const mount = async (node: ReturnType<typeof createElement>, values: Record<string, string>, secretStorage = 'os-keychain') => {
    let view = { values: { 'ui.language': 'bg', ...values }, secretsSet: {}, secretStorage } as ResponseOf<'settings:get'>;
    h.api.answer('settings:get', () => ({ ok: true, value: view }));
    h.api.answer('settings:set', (req) => {
      view = { ...view, values: { ...view.values, [req.key]: req.value } };
      return { ok: true, value: view };
    });
    return h.mountScreen(node);
  };
  const input = (r: { container: Element }, id: string) => r.container.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
  const sets = () => h.api.calls.filter((c) => c.channel === 'settings:set').map((c) => c.request);

  it('auto-update is on by default and turning it off saves app.autoUpdate=false', async () => {
    const r = await mount(createElement(AutoUpdateSwitch), {});
    expect(input(r, 'auto-update-switch').checked).toBe(true);
    await act(async () => input(r, 'auto-update-switch').click());
    await settle();
    expect(sets()).toEqual([{ key: 'app.autoUpdate', value: 'false' }]);
    expect(input(r, 'auto-update-switch').checked).toBe(false);
  });

  it('the scheduled-sync copy is off by default, saved on; under the file-key fallback no switch is offered', async () => {
    const r = await mount(createElement(ScheduledSyncSwitch), {});
    expect(input(r, 'scheduled-sync-switch').checked).toBe(false);
    await act(async () => input(r, 'scheduled-sync-switch').click());
    await settle();
    expect(sets()).toEqual([{ key: 'sync.allowScheduled', value: 'true' }]);

    const f = await mount(createElement(ScheduledSyncSwitch), {}, 'fallback-file-key');
    expect(f.container.querySelector('[data-testid="scheduled-sync-switch"]')).toBeNull();
    expect(f.container.querySelector('[data-testid="scheduled-sync-fallback"]')).not.toBeNull();
  });
});

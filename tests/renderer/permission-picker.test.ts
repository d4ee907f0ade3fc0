// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/src/i18n/index.js';
import { PermissionPicker } from '../../renderer/src/screens/fields/permission-picker.js';
import type { ResponseOf } from '../../shared/ipc-contract.js';
import { setUpRenderer } from './harness.js';
import { render, settle } from './render.js';

const PERMISSIONS = [
  { id: 'p1', text: 'Имейл' },
  { id: 'p2', text: 'Директна поща' },
];

describe('Fields step: the marketing permission new contacts get', () => {
  const h = setUpRenderer({ events: false });
  beforeAll(() => initI18n());

  const mount = async () => {
    const r = await render(createElement(QueryClientProvider, { client: h.client }, createElement(MantineProvider, null, createElement(PermissionPicker))));
    h.track(r);
    await settle();
    return r;
  };

  it('offers the audience\u2019s permissions and stores the chosen one', async () => {
    let view: ResponseOf<'mapping:permissions'> = { enabled: true, permissions: PERMISSIONS, mapping: null, missingInMailchimp: false };
    h.api.answer('mapping:permissions', () => ({ ok: true, value: view }));
    h.api.answer('mapping:setPermission', ({ permissionId }) => {
      const p = PERMISSIONS.find((x) => x.id === permissionId);
      view = { ...view, mapping: { permissionId, permissionText: p?.text ?? null } };
      return { ok: true, value: { ok: true } };
    });
    const r = await mount();
    const select = r.container.querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['— изберете разрешение —', 'Без разрешение за новите контакти', 'Имейл', 'Директна поща']);
    await act(async () => {
      select.value = 'p2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(h.api.calls.filter((c) => c.channel === 'mapping:setPermission').map((c) => c.request)).toEqual([{ permissionId: 'p2' }]);
    expect((r.container.querySelector('select') as HTMLSelectElement).value).toBe('p2');
  });

  it('shows nothing for an audience without marketing permissions', async () => {
    h.api.answer('mapping:permissions', () => ({ ok: true, value: { enabled: false, permissions: [], mapping: null, missingInMailchimp: false } }));
    const r = await mount();
    expect(r.container.querySelector('[data-testid="permission-picker"]')).toBeNull();
  });
});

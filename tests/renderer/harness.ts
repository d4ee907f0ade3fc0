import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { createQueryClient } from '../../renderer/src/api/query-client.js';
import { listenForRunEvents } from '../../renderer/src/api/run-events.js';
import { SettingsProvider } from '../../renderer/src/app/settings-context.js';
import { createFakeBarsyApi, type FakeBarsyApi } from '../helpers/fake-barsy-api.js';
import { render, renderHook, settle, type Rendered } from './render.js';

/**
 * Per test: a fresh fake `window.barsy`, a fresh query cache (with the app's event subscription when
 * `events`), and everything mounted unmounted afterwards. Read `h.api` / `h.client` inside tests.
 */
export function setUpRenderer(opts: { events: boolean }) {
  const mounted: Rendered[] = [];
  let stop: () => void = () => undefined;
  const h = {
    api: null as unknown as FakeBarsyApi,
    client: null as unknown as QueryClient,
    /** Renders a hook and lets its first loads answer. */
    async mount<T>(hook: () => T) {
      const r = await renderHook(hook, h.client);
      mounted.push(r);
      await settle();
      return r;
    },
    /** Renders a screen part as the app does (query cache, Mantine, the settings `settings:get` answers). */
    async mountScreen(node: ReactNode) {
      const tree = createElement(
        QueryClientProvider,
        { client: h.client },
        createElement(MantineProvider, null, createElement(SettingsProvider, { fallback: () => null, children: node })),
      );
      const r = await render(tree);
      mounted.push(r);
      await settle();
      return r;
    },
    /** Unmounts `r` after the test too. */
    track: (r: Rendered) => void mounted.push(r),
    /** Ends the app's event subscription early (what unmounting the app does). */
    stopEvents: () => stop(),
  };
  beforeEach(() => {
    h.api = createFakeBarsyApi();
    window.barsy = h.api;
    h.client = createQueryClient();
    if (opts.events) stop = listenForRunEvents(h.client);
  });
  afterEach(async () => {
    for (const r of mounted.splice(0)) await r.unmount();
    stop();
    h.client.clear();
    vi.useRealTimers();
    delete window.barsy;
  });
  return h;
}

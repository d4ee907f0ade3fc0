import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';
import { loadHandler } from '../../main/ipc/handler-loaders.js';
import type { Handler } from '../../main/context/handler-types.js';
import { channels, type ChannelName } from '../../shared/ipc-contract.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

let app: TempApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

describe('lazily loaded handlers (the CLI)', () => {
  it('load, for every channel of the contract, the very function of the app’s handler map', async () => {
    for (const channel of Object.keys(channels) as ChannelName[]) {
      expect(await loadHandler(channel), channel).toBe(handlers[channel]);
    }
  });

  it('go through the same validation: requests before the handler loads, responses after it runs', async () => {
    app = createTempApp();
    const loaded: string[] = [];
    const leaky = (async (channel: ChannelName) => {
      loaded.push(channel);
      return channel === 'app:info' ? () => ({ version: '1', dataDir: '/', dbPath: '/x', secretStorage: 'fallback-file-key', apiKey: 'leak' }) : loadHandler(channel);
    }) as (channel: ChannelName) => Promise<Handler<ChannelName>>;
    const dispatch = createDispatcher(leaky, app.ctx);

    const bad = await dispatch('settings:set', { key: 'no.such.key', value: 'x' });
    expect(bad.ok ? null : bad.error.code).toBe('ipc_invalid_request');
    expect(loaded).toEqual([]); // refused before any domain was loaded

    // The contract's object schemas strip unknown keys of a response; a wrong type is refused.
    const info = await dispatch('app:info', {});
    expect(info).toEqual({ ok: true, value: { version: '1', dataDir: '/', dbPath: '/x', secretStorage: 'fallback-file-key' } });
    const wrong = createDispatcher((async () => () => ({ version: 1 })) as unknown as (c: ChannelName) => Promise<Handler<ChannelName>>, app.ctx);
    const res = await wrong('app:info', {});
    expect(res.ok ? null : res.error.code).toBe('internal');

    const runs = await dispatch('runs:list', {});
    expect(runs).toEqual({ ok: true, value: [] });
    expect(loaded).toEqual(['app:info', 'runs:list']);
  });
});

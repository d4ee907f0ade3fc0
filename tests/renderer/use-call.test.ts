// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireResult } from '../../shared/ipc-contract.js';
import { useAction, useCall } from '../../renderer/src/api/use-call.js';
import { setUpRenderer } from './harness.js';
import { during, renderHook, settle } from './render.js';

const h = setUpRenderer({ events: false });
let presets = 1;
const preset = (n: number) => ({ id: `p${n}`, label: `Preset ${n}`, host: 'smtp.example', port: 587, secure: false });

beforeEach(() => {
  presets = 1;
  h.api.answer('smtp:presets', () => ({ ok: true, value: Array.from({ length: presets }, (_, i) => preset(i + 1)) }));
});

const mount = <T,>(hook: () => T) => h.mount(hook);

describe('useCall', () => {
  it('loads on mount; two parts of a screen asking the same share one call', async () => {
    const { result } = await mount(() => ({ a: useCall('smtp:presets', {}), b: useCall('smtp:presets', {}) }));
    expect(result.current.a.data).toEqual([preset(1)]);
    expect(result.current.b.data).toEqual([preset(1)]);
    expect(result.current.a.loading).toBe(false);
    expect(h.api.callsTo('smtp:presets')).toBe(1);
  });

  it('reload asks again and every user of the answer sees the new one', async () => {
    const { result } = await mount(() => ({ a: useCall('smtp:presets', {}), b: useCall('smtp:presets', {}) }));
    presets = 2;
    await during(() => result.current.a.reload());
    expect(result.current.b.data).toHaveLength(2);
    expect(h.api.callsTo('smtp:presets')).toBe(2);
  });

  it('a new key asks again while the last answer stays on screen', async () => {
    let release: () => void = () => undefined;
    let key = 'a';
    const r = await mount(() => useCall('smtp:presets', {}, key));
    h.api.answer('smtp:presets', () => new Promise<WireResult<'smtp:presets'>>((resolve) => (release = () => resolve({ ok: true, value: [preset(1), preset(2)] }))));
    key = 'b';
    await r.rerender();
    await settle();
    expect(h.api.callsTo('smtp:presets')).toBe(2);
    expect(r.result.current.data).toEqual([preset(1)]);
    expect(r.result.current.loading).toBe(true);
    await during(() => release());
    expect(r.result.current.data).toHaveLength(2);
    expect(r.result.current.loading).toBe(false);
  });

  it('an error is an AppError beside the last good answer; nothing is retried', async () => {
    const { result } = await mount(() => useCall('smtp:presets', {}));
    h.api.answer('smtp:presets', () => ({ ok: false, error: { code: 'smtp_auth', params: {} } }));
    await during(() => result.current.reload());
    expect(result.current.error).toEqual({ code: 'smtp_auth', params: {} });
    expect(result.current.data).toEqual([preset(1)]);
    expect(h.api.callsTo('smtp:presets')).toBe(2);
  });

  it('a missing bridge is an internal error, not a crash', async () => {
    delete window.barsy;
    const { result } = await mount(() => useCall('smtp:presets', {}));
    expect(result.current.error).toEqual({ code: 'internal', params: {} });
    expect(result.current.data).toBeNull();
  });

  it('disabled asks nothing and is not loading; nothing is asked again on a timer', async () => {
    vi.useFakeTimers();
    let enabled = false;
    const r = await mount(() => useCall('smtp:presets', {}, '', enabled));
    expect(r.result.current.loading).toBe(false);
    expect(h.api.callsTo('smtp:presets')).toBe(0);
    enabled = true;
    await r.rerender();
    await settle();
    expect(r.result.current.data).toEqual([preset(1)]);
    await during(async () => void (await vi.advanceTimersByTimeAsync(10 * 60_000)));
    expect(h.api.callsTo('smtp:presets')).toBe(1);
  });

  it('opening a screen again loads afresh (answers of a closed screen are not kept)', async () => {
    const first = await renderHook(() => useCall('smtp:presets', {}), h.client);
    await settle();
    await first.unmount();
    await settle();
    presets = 3;
    const second = await renderHook(() => useCall('smtp:presets', {}), h.client);
    h.track(second);
    // No stale answer from the closed screen is shown first.
    expect(second.result.current.data).toBeNull();
    await settle();
    expect(second.result.current.data).toHaveLength(3);
  });
});

describe('useAction', () => {
  it('is busy while main works, then gives the answer or the error', async () => {
    let release: (r: WireResult<'cache:clear'>) => void = () => undefined;
    h.api.answer('cache:clear', () => new Promise((resolve) => (release = resolve)));
    const { result } = await mount(() => useAction());
    let answer: Promise<unknown> = Promise.resolve();
    await during(() => void (answer = result.current.run('cache:clear', {})));
    expect(result.current.busy).toBe(true);
    await during(() => release({ ok: false, error: { code: 'internal', params: {} } }));
    expect(await answer).toBeNull();
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toEqual({ code: 'internal', params: {} });
  });
});

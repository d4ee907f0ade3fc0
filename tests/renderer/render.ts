import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, createElement, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { vi } from 'vitest';

// React warns unless it knows updates are wrapped in act() by a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = { container: HTMLElement; unmount: () => Promise<void> };

/** Renders React into a detached element of happy-dom's document. */
export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  return {
    container,
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Renders a hook inside the query cache; `result.current` is its latest value, `rerender` renders it again. */
export async function renderHook<T>(
  hook: () => T,
  client: QueryClient,
): Promise<Rendered & { result: { current: T }; rerender: () => Promise<void> }> {
  const result = { current: undefined as T };
  let renderAgain: () => void = () => undefined;
  function Probe() {
    const [tick, setTick] = useState(0);
    renderAgain = () => setTick(tick + 1);
    result.current = hook();
    return null;
  }
  const r = await render(createElement(QueryClientProvider, { client }, createElement(Probe)));
  return { ...r, result, rerender: () => act(async () => renderAgain()) };
}

/** Lets pending answers, the cache's batched notifications and React's renders run (fake or real timers). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
      else await new Promise((r) => setTimeout(r, 0));
    });
  }
}

/** Runs something that pushes events or clicks inside act(), then settles. */
export async function during(fn: () => void | Promise<void>): Promise<void> {
  await act(async () => {
    await fn();
  });
  await settle();
}

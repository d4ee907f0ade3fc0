import type { AppError } from '../../../shared/domain/app-error.js';
import type { BarsyApi, ChannelName, EventName, EventOf, RequestOf, WireResult } from '../../../shared/ipc-contract.js';

declare global {
  interface Window {
    barsy?: BarsyApi;
  }
}

/** The preload's API; absent only when the page is opened outside the app or the test bridge. */
export function barsyApi(): BarsyApi | null {
  return window.barsy ?? null;
}

const internal: AppError = { code: 'internal', params: {} };

/** Calls main; never throws — a missing bridge or a broken connection becomes an `internal` error. */
export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<WireResult<C>> {
  const api = barsyApi();
  if (!api) return { ok: false, error: internal };
  try {
    return await api.invoke(channel, request);
  } catch {
    return { ok: false, error: internal };
  }
}

/** Subscribes to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  const api = barsyApi();
  if (!api) return () => undefined;
  return api.on(event, listener);
}

import type { EventName, EventOf } from '../../shared/ipc-contract.js';

/** Typed pub/sub for the events main pushes (progress, run finished). */
export type EventBus = {
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
};

/** An in-process event bus; the Electron shell and the test bridge forward its events to windows. */
export function createEventBus(): EventBus {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

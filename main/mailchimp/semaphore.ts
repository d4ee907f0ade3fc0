/**
 * A counting semaphore whose limit can change while it is in use: the engine halves a client's
 * concurrency on a 429 and grows it back one step at a time. Waiters are served first come, first served.
 */
export type Semaphore = {
  /** Runs `task` once a slot is free and releases the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks holding a slot right now. */
  active(): number;
  /** Tasks waiting for a slot. */
  waiting(): number;
  /** The current number of slots. */
  limit(): number;
  /**
   * Changes the number of slots (at least 1). Raising it starts waiters at once; lowering it never
   * cancels running tasks: new ones wait until fewer than the new limit are running.
   */
  setLimit(limit: number): void;
};

/** Creates a semaphore with `limit` slots (at least 1). */
export function createSemaphore(limit: number): Semaphore {
  let max = Math.max(1, Math.floor(limit));
  let inUse = 0;
  const waiters: Array<() => void> = [];

  const admit = (): void => {
    while (inUse < max && waiters.length > 0) {
      inUse += 1;
      waiters.shift()?.();
    }
  };
  const acquire = (): Promise<void> => {
    if (inUse < max && waiters.length === 0) {
      inUse += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      waiters.push(resolve);
    });
  };
  const release = (): void => {
    inUse -= 1;
    admit();
  };

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => inUse,
    waiting: () => waiters.length,
    limit: () => max,
    setLimit(next) {
      max = Math.max(1, Math.floor(next));
      admit();
    },
  };
}

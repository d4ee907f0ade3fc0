/** A counting semaphore: at most `limit` holders at a time, waiters served first come, first served. */
export type Semaphore = {
  /** Runs `task` once a slot is free and releases the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks holding a slot right now. */
  active(): number;
};

/** Creates a semaphore with `limit` slots (at least 1). */
export function createSemaphore(limit: number): Semaphore {
  const max = Math.max(1, Math.floor(limit));
  let inUse = 0;
  const waiters: Array<() => void> = [];

  const acquire = (): Promise<void> => {
    if (inUse < max) {
      inUse += 1;
      return Promise.resolve();
    }
    // The releasing task hands its slot straight to the next waiter, so `inUse` never dips and rises.
    return new Promise((resolve) => waiters.push(resolve));
  };
  const release = (): void => {
    const next = waiters.shift();
    if (next) next();
    else inUse -= 1;
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
  };
}

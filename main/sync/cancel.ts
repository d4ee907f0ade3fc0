/** How long a cancel waits for requests already in flight before the run is marked cancelled. */
export const CANCEL_GRACE_MS = 2_000;

/** Resolves `task`, or gives up waiting `graceMs` after `signal` aborts (the task's late results are still recorded). */
export function untilCancelled<T>(task: Promise<T>, signal: AbortSignal, graceMs = CANCEL_GRACE_MS): Promise<T | undefined> {
  task.catch(() => undefined);
  if (signal.aborted) return Promise.race([task, new Promise<undefined>((r) => setTimeout(() => r(undefined), graceMs).unref())]);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => setTimeout(() => resolve(undefined), graceMs).unref();
    signal.addEventListener('abort', onAbort, { once: true });
    task.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}


import type { SyncCounts, SyncPhase, SyncProgress } from '../../shared/domain/sync.js';

/**
 * A small typed, throttled progress emitter (after Actual Budget's importers/progress.ts): the engine
 * reports after every settled member, but at most one event per `intervalMs` reaches the listener,
 * the last update is never lost (a trailing timer delivers it), and phase changes and `flush` go out
 * at once. `update` only stores numbers; the event object is built when it is sent.
 */
export type ProgressReporter = {
  update(p: { phase: SyncPhase; done: number; total: number; counts: SyncCounts }): void;
  /** Sends the latest state now (end of run). */
  flush(): void;
  /** Stops the trailing timer; later updates (late results of a cancelled run) are dropped. */
  close(): void;
};

/** Creates a reporter for one run; `emit` is usually `ctx.events.emit('sync:progress', …)`. */
export function createProgressReporter(
  runId: number,
  emit: (p: SyncProgress) => void,
  opts: { intervalMs?: number; windowMs?: number; now?: () => number } = {},
): ProgressReporter {
  const interval = opts.intervalMs ?? 100;
  const windowMs = opts.windowMs ?? 5_000;
  const clock = opts.now ?? Date.now;
  let latest: { phase: SyncPhase; done: number; total: number; counts: SyncCounts } | null = null;
  let lastSentAt = -Infinity;
  let lastPhase: SyncPhase | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  // After close no event may follow the run's `sync:finished` (a cancelled run's late results still arrive).
  let closed = false;
  // (time, done) samples, at most one per interval, over the last `windowMs`: the rate is their slope.
  let samples: Array<[number, number]> = [];

  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!latest || !dirty) return;
    dirty = false;
    lastSentAt = clock();
    const { phase, done, total, counts } = latest;
    const first = samples[0];
    const rate = first && lastSentAt > first[0] ? ((done - first[1]) * 1000) / (lastSentAt - first[0]) : 0;
    const etaMs = rate > 0 && total >= done ? Math.round(((total - done) / rate) * 1000) : null;
    emit({ runId, phase, done, total, counts: { ...counts }, rate: Math.round(rate * 10) / 10, etaMs });
  };

  return {
    update(p) {
      if (closed) return;
      const t = clock();
      const phaseChanged = p.phase !== lastPhase;
      if (phaseChanged) samples = [];
      const tail = samples[samples.length - 1];
      if (!tail || t - tail[0] >= interval) {
        samples.push([t, p.done]);
        while (samples.length > 2 && samples[0]![0] < t - windowMs) samples.shift();
      }
      latest = p;
      dirty = true;
      lastPhase = p.phase;
      if (phaseChanged || t - lastSentAt >= interval) send();
      else if (!timer) {
        timer = setTimeout(send, Math.max(0, interval - (t - lastSentAt)));
        timer.unref?.();
      }
    },
    flush: () => {
      if (!closed) send();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

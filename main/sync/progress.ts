import type { SyncCounts, SyncPhase, SyncProgress } from '../../shared/domain/sync.js';

/**
 * A small typed, throttled progress emitter (after Actual Budget's importers/progress.ts): updates
 * can be reported as often as results arrive, but at most one event per `intervalMs` reaches the
 * listener, the last update is never lost (a trailing timer delivers it), and phase changes and
 * `flush` go out at once.
 */
export type ProgressReporter = {
  update(p: { phase: SyncPhase; done: number; total: number; counts: SyncCounts }): void;
  /** Sends the latest state now (end of run). */
  flush(): void;
  /** Stops the trailing timer. */
  close(): void;
};

/** Items per second over the last `windowMs`, from (time, done) samples. */
function rateOf(samples: Array<[number, number]>): number {
  if (samples.length < 2) return 0;
  const [t0, d0] = samples[0]!;
  const [t1, d1] = samples[samples.length - 1]!;
  return t1 > t0 ? ((d1 - d0) * 1000) / (t1 - t0) : 0;
}

/** Creates a reporter for one run; `emit` is usually `ctx.events.emit('sync:progress', …)`. */
export function createProgressReporter(
  runId: number,
  emit: (p: SyncProgress) => void,
  opts: { intervalMs?: number; windowMs?: number; now?: () => number } = {},
): ProgressReporter {
  const interval = opts.intervalMs ?? 100;
  const windowMs = opts.windowMs ?? 5_000;
  const clock = opts.now ?? Date.now;
  let latest: SyncProgress | null = null;
  let lastSentAt = -Infinity;
  let lastPhase: SyncPhase | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let samples: Array<[number, number]> = [];

  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!latest || !dirty) return;
    dirty = false;
    lastSentAt = clock();
    emit(latest);
  };

  return {
    update({ phase, done, total, counts }) {
      const t = clock();
      if (phase !== lastPhase) samples = [];
      samples.push([t, done]);
      while (samples.length > 2 && samples[0]![0] < t - windowMs) samples.shift();
      const rate = rateOf(samples);
      const etaMs = rate > 0 && total >= done ? Math.round(((total - done) / rate) * 1000) : null;
      latest = { runId, phase, done, total, counts: { ...counts }, rate: Math.round(rate * 10) / 10, etaMs };
      dirty = true;
      const phaseChanged = phase !== lastPhase;
      lastPhase = phase;
      if (phaseChanged || t - lastSentAt >= interval) send();
      else if (!timer) {
        timer = setTimeout(send, Math.max(0, interval - (t - lastSentAt)));
        timer.unref?.();
      }
    },
    flush: send,
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

import type { StatsCollector } from './stats.js';

/**
 * Another integration of the same Mailchimp account (a web-shop plugin, sign-up forms) that keeps
 * `connections` requests going: each takes `holdMs`, then it pauses `gapMs` before the next. Its
 * connections count toward the account's limit, so a sync that takes too many makes it meet 429s
 * (counted in `stats().neighbour.throttled`); after a 429 it tries again after `gapMs`.
 */
export type NeighbourOptions = { connections: number; holdMs?: number; gapMs?: number };

/** Starts the neighbour's request loops; they stop when `signal` aborts. */
export function startNeighbour(o: NeighbourOptions, limit: () => number, stats: StatsCollector, signal: AbortSignal): void {
  const holdMs = o.holdMs ?? 200;
  const gapMs = o.gapMs ?? 50;
  stats.setNeighbour(o.connections);
  const later = (ms: number, fn: () => void) => {
    if (signal.aborted) return;
    // Unref'd: the neighbour never keeps a process alive on its own.
    setTimeout(fn, ms).unref();
  };
  const worker = (): void => {
    if (signal.aborted) return;
    if (!stats.neighbourEnter(limit())) return later(gapMs, worker);
    later(holdMs, () => {
      stats.neighbourLeave();
      later(gapMs, worker);
    });
  };
  for (let i = 0; i < o.connections; i += 1) worker();
}

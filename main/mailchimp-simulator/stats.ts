/** Request counters, readable in-process (`handle.stats()`) and over HTTP (`GET /__simulator/stats`). */
export type SimulatorStats = {
  /** Requests received under `/3.0` (including refused and faulted ones). */
  requests: number;
  /** Requests per route template, e.g. `PUT /lists/{list_id}/members/{subscriber_hash}`. */
  byRoute: Record<string, number>;
  /** Requests with a writing method (POST, PUT, PATCH, DELETE). */
  writes: number;
  /** Requests that got an injected fault. */
  faults: number;
  /** Requests refused with 429 by the simultaneous-connection limit. */
  throttled: number;
  /** Requests being processed right now, and the most seen at once. */
  inFlight: number;
  maxInFlight: number;
};

/** Mutable counters behind `SimulatorStats`. */
export class StatsCollector {
  private data: SimulatorStats = StatsCollector.empty();

  private static empty(): SimulatorStats {
    return { requests: 0, byRoute: {}, writes: 0, faults: 0, throttled: 0, inFlight: 0, maxInFlight: 0 };
  }

  /** Counts one request on a route. */
  request(route: string, method: string): void {
    this.data.requests += 1;
    this.data.byRoute[route] = (this.data.byRoute[route] ?? 0) + 1;
    if (method !== 'GET' && method !== 'HEAD') this.data.writes += 1;
  }

  fault(): void {
    this.data.faults += 1;
  }

  throttled(): void {
    this.data.throttled += 1;
  }

  /** Tracks concurrency; `inFlight` itself survives a reset (those requests are still running). */
  enter(): void {
    this.data.inFlight += 1;
    this.data.maxInFlight = Math.max(this.data.maxInFlight, this.data.inFlight);
  }

  leave(): void {
    this.data.inFlight -= 1;
  }

  get inFlight(): number {
    return this.data.inFlight;
  }

  /** A copy of the counters. */
  snapshot(): SimulatorStats {
    return { ...this.data, byRoute: { ...this.data.byRoute } };
  }

  reset(): void {
    const inFlight = this.data.inFlight;
    this.data = StatsCollector.empty();
    this.data.inFlight = inFlight;
    this.data.maxInFlight = inFlight;
  }
}

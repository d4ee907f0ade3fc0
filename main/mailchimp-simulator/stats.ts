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
  /** The other integration of the account (`neighbour` option): connections it holds at most, requests it made, 429s it met. */
  neighbour: { connections: number; requests: number; throttled: number };
  /** Batch operations (`POST /batches`): submitted, and finished. */
  batches: { submitted: number; finished: number };
};

/** Mutable counters behind `SimulatorStats`. */
export class StatsCollector {
  private data: SimulatorStats = StatsCollector.empty(0);
  /** Connections the neighbour holds right now: they count toward the account's limit. */
  private neighbourHeld = 0;

  private static empty(neighbours: number): SimulatorStats {
    return {
      requests: 0,
      byRoute: {},
      writes: 0,
      faults: 0,
      throttled: 0,
      inFlight: 0,
      maxInFlight: 0,
      neighbour: { connections: neighbours, requests: 0, throttled: 0 },
      batches: { submitted: 0, finished: 0 },
    };
  }

  /** Requests in flight on the whole account: ours (every key) plus the neighbour's. */
  get accountInFlight(): number {
    return this.data.inFlight + this.neighbourHeld;
  }

  /** The neighbour asks for a connection: true when the account had one free, else it met a 429. */
  neighbourEnter(limit: number): boolean {
    if (this.accountInFlight >= limit) {
      this.data.neighbour.throttled += 1;
      return false;
    }
    this.neighbourHeld += 1;
    this.data.neighbour.requests += 1;
    return true;
  }

  neighbourLeave(): void {
    this.neighbourHeld -= 1;
  }

  /** Sets how many connections the neighbour uses (shown in the stats). */
  setNeighbour(connections: number): void {
    this.data.neighbour.connections = connections;
  }

  batchSubmitted(): void {
    this.data.batches.submitted += 1;
  }

  batchFinished(): void {
    this.data.batches.finished += 1;
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
    return { ...this.data, byRoute: { ...this.data.byRoute }, neighbour: { ...this.data.neighbour }, batches: { ...this.data.batches } };
  }

  reset(): void {
    const inFlight = this.data.inFlight;
    this.data = StatsCollector.empty(this.data.neighbour.connections);
    this.data.inFlight = inFlight;
    this.data.maxInFlight = inFlight;
  }
}

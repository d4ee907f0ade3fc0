import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';

/**
 * How many requests a run keeps in flight: Mailchimp's 10 simultaneous connections are per ACCOUNT, so
 * the shop's web-shop plugin and sign-up forms share them with us. A run starts at its cap
 * (`sync.maxConnections`, default 5) and, like TCP, halves on a 429 and grows back by one per window of
 * successful answers (additive increase). Above the level where the last 429 came it grows ten times
 * slower, so a neighbour that holds connections for a long time meets a 429 only now and then.
 */
export type Congestion = {
  /** Requests the run may have in flight now. */
  limit(): number;
  /** A request succeeded (an answer came). */
  onSuccess(): void;
  /** Mailchimp answered 429: too many connections on the account. */
  onRateLimited(): void;
};

export type CongestionOptions = {
  /** Called with the new limit whenever it changes (e.g. the client's own cap). */
  onChange?: (limit: number) => void;
  /** 429s within this time after a cut belong to the same burst and do not cut again. */
  cooldownMs?: number;
  /** Windows of successes per step above the level of the last 429. */
  slowFactor?: number;
  now?: () => number;
};

/** A controller starting at `max` requests (1–10). */
export function createCongestion(max: number, opts: CongestionOptions = {}): Congestion {
  const cap = Math.max(1, Math.min(10, Math.floor(max)));
  const cooldownMs = opts.cooldownMs ?? 1_000;
  const slow = opts.slowFactor ?? 10;
  const now = opts.now ?? Date.now;
  let current = cap;
  // Highest level known to be safe: growth beyond it is probing.
  let safe = cap;
  let successes = 0;
  let lastCut = -Infinity;
  const set = (n: number) => {
    if (n === current) return;
    current = n;
    opts.onChange?.(n);
  };
  return {
    limit: () => current,
    onSuccess() {
      if (current >= cap) return;
      successes += 1;
      const window = current < safe ? current : current * slow;
      if (successes < window) return;
      successes = 0;
      set(current + 1);
      if (current > safe) safe = current;
    },
    onRateLimited() {
      const t = now();
      if (t - lastCut < cooldownMs) return;
      lastCut = t;
      successes = 0;
      safe = Math.max(1, current - 1);
      set(Math.max(1, Math.floor(current / 2)));
    },
  };
}

/** A congestion controller bound to a client: its cap follows the limit, its 429s cut it. */
export function attachCongestion(api: Pick<MailchimpApi, 'setConcurrency' | 'concurrency' | 'onRateLimited'>, max: number): Congestion & { detach(): void } {
  const before = api.concurrency();
  const c = createCongestion(max, { onChange: (n) => api.setConcurrency(n) });
  api.setConcurrency(c.limit());
  const off = api.onRateLimited(() => c.onRateLimited());
  return {
    ...c,
    /** Stops following 429s and gives the client its own cap back (a client shared beyond the run). */
    detach() {
      off();
      api.setConcurrency(before);
    },
  };
}

import { seededUnit } from './ids.js';

/**
 * Fault injection. Grammar (see README.md):
 *
 *   SPEC  := RULE ("," RULE)*
 *   RULE  := ROUTE ":" KIND ":" RATE
 *   ROUTE := "*" | [METHOD " "] PATH          METHOD := GET | POST | PUT | PATCH | DELETE | "*"
 *   PATH  := "/" SEG ("/" SEG)*                 SEG := literal | "*" (one segment) | "**" (the rest)
 *   KIND  := 429 | 429=SECONDS | 500 | 503 | reset | slow=MS | reset-after | 500-after
 *   RATE  := a probability in [0, 1]
 *
 * Paths are below `/3.0` (a leading `/3.0` is accepted). `429`, `500`, `503` and `reset` happen before the
 * request touches any state; `reset-after` and `500-after` apply the request and then lose the answer
 * (connection reset, or a 500), the case a client must survive without duplicating work; `slow=MS` delays
 * the request, which is then applied even if the client has given up.
 */
export type FaultKind =
  | { kind: 'status'; status: 429 | 500 | 503; retryAfter?: number }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset-after' }
  | { kind: '500-after' };

export type FaultRule = { method: string; path: string[] | null; fault: FaultKind; rate: number; text: string };

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', '*']);

function parseKind(text: string): FaultKind | null {
  const [name, arg] = text.split('=');
  const n = arg === undefined ? undefined : Number(arg);
  if (arg !== undefined && (!Number.isFinite(n) || (n as number) < 0)) return null;
  switch (name) {
    case '429':
      return n === undefined ? { kind: 'status', status: 429 } : { kind: 'status', status: 429, retryAfter: n };
    case '500':
    case '503':
      return arg === undefined ? { kind: 'status', status: Number(name) as 500 | 503 } : null;
    case 'reset':
    case 'reset-after':
    case '500-after':
      return arg === undefined ? { kind: name } : null;
    case 'slow':
      return n === undefined ? null : { kind: 'slow', ms: n };
    default:
      return null;
  }
}

function parseRoute(text: string): { method: string; path: string[] | null } | null {
  const t = text.trim();
  if (t === '*') return { method: '*', path: null };
  const space = t.indexOf(' ');
  const method = space < 0 ? '*' : t.slice(0, space).toUpperCase();
  const path = (space < 0 ? t : t.slice(space + 1)).trim();
  if (!METHODS.has(method) || !path.startsWith('/')) return null;
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === '3.0') segs.shift();
  return { method, path: segs };
}

/** Parses a fault spec; throws an Error naming the first bad rule. An empty spec means no faults. */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const text = raw.trim();
    if (!text) continue;
    const parts = text.split(':');
    const rate = Number(parts.pop());
    const fault = parseKind((parts.pop() ?? '').trim());
    const route = parseRoute(parts.join(':'));
    if (!route || !fault || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`Bad fault rule "${text}": expected ROUTE:KIND:RATE, e.g. "PUT /lists/*/members/*:500:0.05"`);
    }
    rules.push({ ...route, fault, rate, text });
  }
  return rules;
}

function pathMatches(pattern: string[], parts: string[]): boolean {
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i];
    if (p === '**') return true;
    if (i >= parts.length || (p !== '*' && p !== parts[i])) return false;
  }
  return pattern.length === parts.length;
}

/**
 * Decides faults deterministically: the n-th request to the same `METHOD path` gets the same draw for a
 * given seed, whatever other requests run in between, so a run with concurrency is repeatable too.
 */
export class FaultPlan {
  private counters = new Map<string, number>();

  constructor(
    private rules: FaultRule[],
    private readonly seed: number,
  ) {}

  /** Replaces the rules and restarts the per-route counters. */
  reset(rules: FaultRule[]): void {
    this.rules = rules;
    this.counters.clear();
  }

  /** The fault for this request, if a rule fires. `parts` are the path segments below `/3.0`. */
  decide(method: string, parts: string[]): FaultKind | null {
    if (this.rules.length === 0) return null;
    const key = `${method} /${parts.join('/')}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    for (const [i, rule] of this.rules.entries()) {
      if (rule.method !== '*' && rule.method !== method) continue;
      if (rule.path && !pathMatches(rule.path, parts)) continue;
      if (seededUnit(this.seed, 'fault', i, key, n) < rule.rate) return rule.fault;
    }
    return null;
  }
}

import { seededUnit, subscriberHash } from './ids.js';
import { internalError, serviceUnavailable, SimError, tooManyRequests } from './problem.js';

/**
 * Fault injection. Grammar (see README.md):
 *
 *   SPEC  := RULE ("," RULE)*
 *   RULE  := ROUTE ":" KIND ["@" EMAIL] [":" RATE]   (RATE may be left out only with "@" EMAIL: always)
 *   ROUTE := "*" | [METHOD " "] PATH          METHOD := GET | POST | PUT | PATCH | DELETE | "*"
 *   PATH  := "/" SEG ("/" SEG)*                 SEG := literal | "*" (one segment) | "**" (the rest)
 *   KIND  := 429 | 429=SECONDS | 500 | 503 | 403 | 403-disabled | 403-key | reset | slow=MS | reset-after | 500-after
 *   RATE  := a probability in [0, 1]
 *
 * Paths are below `/3.0` (a leading `/3.0` is accepted). `429`, `500`, `503`, the `403`s and `reset`
 * happen before the request touches any state; `reset-after` and `500-after` apply the request and then
 * lose the answer (connection reset, or a 500), the case a client must survive without duplicating work;
 * `slow=MS` delays the request, which is then applied even if the client has given up. `@EMAIL` limits a
 * rule to requests that carry that address (in the body, a batch's `members[]`, the member path, or a
 * `/batches` operation): the real service has answered a repeatable 500 for every request holding one
 * particular address.
 */
export type FaultKind =
  | { kind: 'status'; status: 429 | 500 | 503; retryAfter?: number }
  | { kind: 'forbidden'; variant: 'role' | 'disabled' | 'key' }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset-after' }
  | { kind: '500-after' };

export type FaultRule = {
  method: string;
  path: string[] | null;
  fault: FaultKind;
  rate: number;
  /** Subscriber hash of the address the rule is limited to, if any. */
  emailHash?: string;
  text: string;
};

/** The problem a status fault answers with; null for kinds that are not an answer (reset, slow, …). */
export function faultError(fault: FaultKind, limit: number): SimError | null {
  switch (fault.kind) {
    case 'status':
      if (fault.status === 429) return tooManyRequests(limit, fault.retryAfter);
      return fault.status === 500 ? internalError() : serviceUnavailable();
    case 'forbidden':
      return forbiddenError(fault.variant);
    default:
      return null;
  }
}

/** The three 403s of Mailchimp's glossary: a role without the permission, a disabled account, a key for another data centre. */
function forbiddenError(variant: 'role' | 'disabled' | 'key'): SimError {
  if (variant === 'disabled') return new SimError(403, 'User Disabled', 'This account has been disabled.');
  if (variant === 'key') return new SimError(403, 'Wrong Datacenter', 'The API key provided is linked to a different datacenter.');
  return new SimError(403, 'Forbidden', 'You are not permitted to access this resource.');
}

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
    case '403':
      return arg === undefined ? { kind: 'forbidden', variant: 'role' } : null;
    case '403-disabled':
      return arg === undefined ? { kind: 'forbidden', variant: 'disabled' } : null;
    case '403-key':
      return arg === undefined ? { kind: 'forbidden', variant: 'key' } : null;
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

/** Splits `KIND@EMAIL` (the address may itself hold `@`: the first one separates). */
function splitTarget(text: string): { kind: string; email?: string } {
  const at = text.indexOf('@');
  return at < 0 ? { kind: text } : { kind: text.slice(0, at), email: text.slice(at + 1).trim() };
}

/** Parses a fault spec; throws an Error naming the first bad rule. An empty spec means no faults. */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const text = raw.trim();
    if (!text) continue;
    const parts = text.split(':');
    // A targeted rule may leave the rate out ("always"); its last part then holds the address.
    const rate = parts.length >= 2 && (parts[parts.length - 1] ?? '').includes('@') ? 1 : Number(parts.pop());
    const target = splitTarget((parts.pop() ?? '').trim());
    const fault = parseKind(target.kind);
    const route = parseRoute(parts.join(':'));
    if (!route || !fault || !Number.isFinite(rate) || rate < 0 || rate > 1 || target.email === '' || (target.email !== undefined && !target.email.includes('@'))) {
      throw new Error(`Bad fault rule "${text}": expected ROUTE:KIND[@EMAIL]:RATE, e.g. "PUT /lists/*/members/*:500:0.05" or "POST /lists/*:500@bad@abv.bg"`);
    }
    rules.push({ ...route, fault, rate, text, ...(target.email ? { emailHash: subscriberHash(target.email) } : {}) });
  }
  return rules;
}

const HASH = /^[0-9a-f]{32}$/i;

/**
 * Subscriber hashes of the addresses a request carries: path segment, `email_address`, `members[]`, and
 * for `POST /batches` each operation's path and body.
 */
export function requestAddressHashes(parts: readonly string[], body: unknown, out = new Set<string>()): Set<string> {
  for (const p of parts) {
    if (p.includes('@')) out.add(subscriberHash(p));
    else if (HASH.test(p)) out.add(p.toLowerCase());
  }
  const add = (v: unknown) => {
    const email = (v as { email_address?: unknown } | null)?.email_address;
    if (typeof email === 'string') out.add(subscriberHash(email));
  };
  add(body);
  const members = (body as { members?: unknown } | null)?.members;
  if (Array.isArray(members)) members.forEach(add);
  const operations = (body as { operations?: unknown } | null)?.operations;
  if (Array.isArray(operations)) {
    for (const op of operations as Array<{ path?: unknown; body?: unknown } | null>) {
      const path = typeof op?.path === 'string' ? op.path.split('/').filter(Boolean) : [];
      requestAddressHashes(path, parsedBody(op?.body), out);
    }
  }
  return out;
}

function parsedBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
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

  /**
   * The fault for this request, if a rule fires. `parts` are the path segments below `/3.0`; `body` (raw
   * JSON text or parsed) is read only when a rule is limited to an address.
   */
  decide(method: string, parts: string[], body?: unknown): FaultKind | null {
    if (this.rules.length === 0) return null;
    const key = `${method} /${parts.join('/')}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    let hashes: Set<string> | undefined;
    for (const [i, rule] of this.rules.entries()) {
      if (rule.method !== '*' && rule.method !== method) continue;
      if (rule.path && !pathMatches(rule.path, parts)) continue;
      if (rule.emailHash) {
        hashes ??= requestAddressHashes(parts, parsedBody(body));
        if (!hashes.has(rule.emailHash)) continue;
      }
      if (rule.rate >= 1 || seededUnit(this.seed, 'fault', i, key, n) < rule.rate) return rule.fault;
    }
    return null;
  }
}

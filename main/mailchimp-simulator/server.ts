import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_RESULTS_PATH, serveBatchArchive } from './batch-archive.js';
import { faultError, type FaultKind, type FaultPlan } from './faults.js';
import { internalError, notFound, problemBody, SimError, tooManyRequests } from './problem.js';
import { filterFields } from './query.js';
import { apiKeyOf, authError, hostError } from './request-guard.js';
import { matchRoute, segments, type Route, type RouteResult, type RuntimeConfig } from './router.js';
import type { StatsCollector } from './stats.js';
import { accountKey } from './switches.js';
import type { SimState } from './types.js';

/** The HTTP face of the simulator: auth, the connection limit, latency, faults, routing and wire format. */

export type ServerDeps = {
  state: SimState;
  config: RuntimeConfig;
  routes: readonly Route[];
  faults: FaultPlan;
  stats: StatsCollector;
  latencyMs: number;
  maxConnections: number;
  /** Aborted on close: pending delays stop and their requests are dropped. */
  signal: AbortSignal;
  base(): string;
  /** The port listened on (known once listening), for the `Host` check. */
  port(): number;
  /** A finished batch's results archive by its URL token (served without the API key). */
  batchArchive(token: string): Buffer | undefined;
};

const MAX_BODY = 16 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new SimError(413, 'Request Entity Too Large', 'The request body is too large.'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, requestId: string, result: RouteResult, query: URLSearchParams): void {
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, { 'X-Request-Id': requestId, ...result.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(filterFields(result.body, query));
  res.writeHead(result.status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), 'X-Request-Id': requestId, ...result.headers });
  res.end(text);
}

function sendProblem(res: http.ServerResponse, requestId: string, err: SimError): void {
  const text = JSON.stringify(problemBody(err, requestId));
  res.writeHead(err.status, {
    'Content-Type': PROBLEM_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'X-Request-Id': requestId,
    Link: '<https://us1.api.mailchimp.com/schema/3.0/Definitions/ProblemDetailDocument.json>; rel="describedBy"',
    ...err.headers,
  });
  res.end(text);
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw);
  } catch {
    throw new SimError(400, 'JSON Parse Error', 'We encountered an unspecified JSON parsing error.');
  }
}

/** The fault's immediate answer, applied before the request can touch state. */
function preFault(fault: FaultKind | null, limit: number): SimError | 'reset' | null {
  if (fault?.kind === 'reset') return 'reset';
  return fault ? faultError(fault, limit) : null;
}

async function handleApi(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice('/3.0'.length) || '/';
  const match = matchRoute(deps.routes, method, path);
  deps.stats.request(match && 'route' in match ? `${method} ${match.route.template}` : `${method} (unmatched)`, method);
  const raw = await readBody(req);
  const denied = authError(accountKey(deps.config, deps.state.apiKey, apiKeyOf(req.headers.authorization)), deps.state.apiKey);
  if (denied) return sendProblem(res, requestId, denied);
  // The limit is per account: every key's requests and the neighbour's count together.
  if (deps.stats.accountInFlight >= deps.maxConnections) {
    deps.stats.throttled();
    return sendProblem(res, requestId, tooManyRequests(deps.maxConnections));
  }
  deps.stats.enter();
  res.on('close', () => deps.stats.leave());
  const fault = deps.faults.decide(method, segments(path), raw);
  if (fault) deps.stats.fault();
  if (deps.latencyMs > 0) await sleep(deps.latencyMs, undefined, { signal: deps.signal });
  if (fault?.kind === 'slow') await sleep(fault.ms, undefined, { signal: deps.signal });
  const early = preFault(fault, deps.maxConnections);
  if (early === 'reset') return void req.socket.destroy();
  if (early) return sendProblem(res, requestId, early);
  let result: RouteResult;
  try {
    if (!match) throw notFound();
    if ('allow' in match) {
      const allow = match.allow.join(', ');
      throw new SimError(405, 'Method Not Allowed', 'The requested method and resource are not compatible. See the Allow header for this resource\'s available methods.', undefined, { Allow: allow });
    }
    const body = parseJson(raw);
    const ctx = { state: deps.state, config: deps.config, params: match.params, query: url.searchParams, body, base: deps.base(), now: Date.now() };
    result = await match.route.handle(ctx);
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    return sendProblem(res, requestId, err);
  }
  if (fault?.kind === 'reset-after') return void req.socket.destroy();
  if (fault?.kind === '500-after') return sendProblem(res, requestId, internalError());
  sendJson(res, requestId, result, url.searchParams);
}

/** `/__simulator/stats` (GET) and `/__simulator/stats/reset` (POST), both behind the API key. */
function handleControl(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): void {
  const denied = authError(apiKeyOf(req.headers.authorization), deps.state.apiKey);
  if (denied) return sendProblem(res, requestId, denied);
  if (url.pathname === '/__simulator/stats' && req.method === 'GET') {
    return sendJson(res, requestId, { status: 200, body: deps.stats.snapshot() }, new URLSearchParams());
  }
  if (url.pathname === '/__simulator/stats/reset' && req.method === 'POST') {
    deps.stats.reset();
    return sendJson(res, requestId, { status: 204 }, url.searchParams);
  }
  sendProblem(res, requestId, notFound());
}

/** Creates the HTTP server (not yet listening). */
export function createSimServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let work: Promise<void>;
    const refused = hostError(req, deps.port());
    if (refused) {
      work = Promise.resolve(sendProblem(res, requestId, refused));
    } else if (url.pathname.startsWith(BATCH_RESULTS_PATH)) {
      work = Promise.resolve(serveBatchArchive(deps.batchArchive, req, res, url));
    } else if (url.pathname.startsWith('/__simulator/')) {
      work = Promise.resolve(handleControl(deps, req, res, url, requestId));
    } else if (url.pathname === '/3.0' || url.pathname.startsWith('/3.0/')) {
      work = handleApi(deps, req, res, url, requestId);
    } else {
      work = Promise.resolve(sendProblem(res, requestId, notFound()));
    }
    work.catch((err: unknown) => {
      // Aborted delays (the simulator is closing) drop the request; anything else is a simulator bug.
      if (deps.signal.aborted) return void req.socket.destroy();
      if (err instanceof SimError) return sendProblem(res, requestId, err);
      if (!res.headersSent) sendProblem(res, requestId, internalError());
      process.stderr.write(`mailchimp-simulator: ${String((err as Error)?.stack ?? err)}\n`);
    });
  });
  // Longer than typical client keep-alive, so the server never closes a socket a client is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

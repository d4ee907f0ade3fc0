import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../../main/mailchimp-simulator/index.js';
import { describeErrors, SpecIndex } from './swagger-schemas.js';

/**
 * An HTTP client for tests that checks every exchange against Mailchimp's Swagger schemas: an accepted
 * (2xx) request body must fit the operation's body schema, every response must fit the schema of its
 * status (errors: the `default` Problem Detail Document) and carry the right content type and
 * `X-Request-Id`. Mismatches are collected in `violations`, which each test file asserts is empty.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = path.join(here, '../../fixtures/mailchimp-spec');

let shared: SpecIndex | undefined;
/** The schema index, loaded once per test file. */
export function specIndex(): SpecIndex {
  shared ??= SpecIndex.load(SPEC_DIR);
  return shared;
}

/** Routes the simulator serves that the copied spec files do not describe (the API root). */
const UNSPECIFIED = new Set(['GET /']);

export type CallOptions = {
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  query?: Record<string, string | number | boolean>;
  /** API key to send; null sends no Authorization header. Default: the simulator's key. */
  key?: string | null;
};

// Tests read arbitrary response JSON; `any` keeps their assertions short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CallResult = { status: number; body: any; headers: Headers };

export class SimClient {
  readonly violations: string[] = [];
  /** Exchanges validated against a schema. */
  checked = 0;

  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  /** Sends one request and validates the exchange. */
  async call(method: string, apiPath: string, opts: CallOptions = {}): Promise<CallResult> {
    const url = new URL(`${this.baseUrl}${apiPath}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
    const key = opts.key === undefined ? this.apiKey : opts.key;
    const headers: Record<string, string> = {};
    if (key !== null) headers.Authorization = `Basic ${Buffer.from(`anystring:${key}`).toString('base64')}`;
    const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: payload });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    this.validate(method, url, opts.body, res, body, text);
    return { status: res.status, body, headers: res.headers };
  }

  private validate(method: string, url: URL, sent: unknown, res: Response, body: unknown, text: string): void {
    const apiPath = url.pathname.slice(new URL(this.baseUrl).pathname.length) || '/';
    const where = `${method} ${apiPath} → ${res.status}`;
    const fail = (msg: string): void => void this.violations.push(`${where}: ${msg}`);
    if (!res.headers.get('x-request-id')) fail('no X-Request-Id');
    if (res.status === 204) {
      if (text !== '') fail('204 with a body');
      return;
    }
    const ok = res.status >= 200 && res.status < 300;
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith(ok ? 'application/json' : 'application/problem+json')) fail(`content type ${type}`);
    if (!ok && (body as { instance?: string })?.instance !== res.headers.get('x-request-id')) fail('instance ≠ X-Request-Id');
    // An error on a route the spec lacks (unknown path or method) is still a Problem Detail Document.
    const op = specIndex().find(method, apiPath) ?? (ok ? undefined : specIndex().find('GET', '/ping'));
    if (!op) {
      if (!UNSPECIFIED.has(`${method} ${apiPath}`)) fail('no operation in the spec');
      return;
    }
    const requestSchema = specIndex().requestValidator(op);
    if (ok && requestSchema && sent !== undefined && !requestSchema(sent)) {
      fail(`accepted a body the spec refuses: ${describeErrors(requestSchema).join('; ')}`);
    }
    const responseSchema = specIndex().responseValidator(op, res.status);
    if (!responseSchema) return fail('no response schema');
    this.checked += 1;
    if (!responseSchema(body)) fail(`response: ${describeErrors(responseSchema).join('; ')}`);
  }

  /** Shorthands. */
  get(apiPath: string, query?: CallOptions['query']): Promise<CallResult> {
    return this.call('GET', apiPath, { query });
  }

  put(apiPath: string, body: unknown, query?: CallOptions['query']): Promise<CallResult> {
    return this.call('PUT', apiPath, { body, query });
  }

  post(apiPath: string, body?: unknown, query?: CallOptions['query']): Promise<CallResult> {
    return this.call('POST', apiPath, { body, query });
  }
}

export type TestSim = { sim: SimulatorHandle; api: SimClient; list: string };

/** Starts a simulator on a free port with a validating client for it. */
export async function startTestSim(opts: SimulatorOptions = {}): Promise<TestSim> {
  const sim = await startSimulator({ port: 0, ...opts });
  return { sim, api: new SimClient(sim.baseUrl, sim.apiKey), list: `/lists/${sim.listId}` };
}

/**
 * One simulator for a whole test file: started before the first test, closed after the last, and
 * `violations` asserted empty after each test. The returned object is filled in by `beforeAll`.
 */
export function sharedTestSim(opts: SimulatorOptions = {}): TestSim {
  const holder = {} as TestSim;
  beforeAll(async () => {
    Object.assign(holder, await startTestSim(opts));
  });
  afterAll(() => holder.sim?.close());
  afterEach(() => {
    expect(holder.api.violations).toEqual([]);
  });
  return holder;
}

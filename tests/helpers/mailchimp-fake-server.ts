/**
 * A tiny node:http server on 127.0.0.1 for the client's unit tests: each test supplies the answer per
 * request, the server records what arrived and how many requests were in flight at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Seen = { method: string; path: string; query: URLSearchParams; auth: string | undefined; body: unknown };
export type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string>; delayMs?: number } | 'reset';
export type Route = (req: Seen, n: number) => Reply | Promise<Reply>;

export type FakeServer = {
  baseUrl: string;
  seen: Seen[];
  maxInFlight(): number;
  close(): Promise<void>;
};

export const TEST_KEY = '0123456789abcdef0123456789abcdef-us6';

/** The problem document Mailchimp sends on errors. */
export function problem(status: number, title: string, detail: string, errors?: Array<{ field: string; message: string }>) {
  return { status, body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: 'test-instance', ...(errors ? { errors } : {}) } };
}

/** Starts the server; `route` decides every answer. */
export async function startFakeServer(route: Route): Promise<FakeServer> {
  const seen: Seen[] = [];
  let inFlight = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Seen = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, auth: req.headers.authorization, body: text ? JSON.parse(text) : undefined };
      seen.push(entry);
      void Promise.resolve(route(entry, seen.length)).then(async (reply) => {
        if (reply !== 'reset' && reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        inFlight -= 1;
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        const isError = reply.status >= 400;
        res.writeHead(reply.status, { 'Content-Type': isError ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8', ...reply.headers });
        res.end(reply.raw ?? (reply.status === 204 || reply.body === undefined ? undefined : JSON.stringify(reply.body)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/3.0`,
    seen,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers a collection request the way Mailchimp pages it: `count` default 10, max 1000, `offset`. */
export function pageOf<T>(req: Seen, key: string, items: T[]): Reply {
  const count = Math.min(1000, Number(req.query.get('count') ?? 10));
  const offset = Number(req.query.get('offset') ?? 0);
  return { status: 200, body: { [key]: items.slice(offset, offset + count), total_items: items.length } };
}

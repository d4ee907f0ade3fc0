import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { events, type EventName } from '../../shared/ipc-contract.js';
import type { AppContext } from '../context/app-context.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import { injectBridge, serveStatic } from './static-files.js';

export type BridgeOptions = {
  ctx: AppContext;
  dispatch: Dispatch;
  /** The built renderer (`npm run build:renderer` → out/renderer-web). */
  staticDir: string;
  /** Where uploaded files are stored (the browser's stand-in for a path on disk). */
  uploadDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
};

export type Bridge = { url: string; port: number; token: string; close(): Promise<void> };

const MAX_JSON = 2 * 1024 * 1024;
const MAX_UPLOAD = 512 * 1024 * 1024;

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_JSON) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A file name safe on any OS: no folders, no characters Windows forbids, no control characters. */
function safeFileName(raw: string | null): string {
  const base = [...path.basename(raw || 'upload.csv')].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return base.replace(/^\.+/, '') || 'upload.csv';
}

/** Same bytes, constant time: the token must not leak through timing. */
function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * A small HTTP + WebSocket server on 127.0.0.1 that lets the renderer run in a plain browser: it
 * serves the built renderer, forwards `POST /ipc/<channel>` to the same dispatcher the Electron shell
 * uses, pushes the event bus over `/events`, and stores uploads. Every call needs the random token;
 * the Host header is checked so a DNS-rebinding page cannot reach it.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = crypto.randomBytes(24).toString('hex');
  fs.mkdirSync(opts.uploadDir, { recursive: true });
  let port = 0;
  const hostOk = (req: http.IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'bridge failure' });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostOk(req)) return send(res, 403, { error: 'bad host' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const authed = tokenMatches(req.headers['x-barsy-token'] as string | undefined, token);

    if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      if (!authed) return send(res, 401, { error: 'token required' });
      const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      const body = await readJson(req).catch(() => undefined);
      if (body === undefined) return send(res, 400, { error: 'bad JSON' });
      return send(res, 200, await opts.dispatch(channel, body));
    }
    if (req.method === 'POST' && url.pathname === '/upload') {
      if (!authed) return send(res, 401, { error: 'token required' });
      const size = Number(req.headers['content-length'] ?? 0);
      if (size > MAX_UPLOAD) return send(res, 413, { error: 'file too large' });
      const name = safeFileName(url.searchParams.get('name'));
      const dir = fs.mkdtempSync(path.join(opts.uploadDir, 'u-'));
      const file = path.join(dir, name);
      await pipeline(req, fs.createWriteStream(file));
      return send(res, 200, { path: file });
    }
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      if (!tokenMatches(url.searchParams.get('t'), token)) return send(res, 401, { error: 'open the URL the bridge printed (it carries the token)' });
      const html = fs.readFileSync(path.join(opts.staticDir, 'index.html'), 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(injectBridge(html, token));
      return;
    }
    if (req.method === 'GET' && serveStatic(opts.staticDir, url.pathname, res)) return;
    send(res, 404, { error: 'not found' });
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!hostOk(req) || url.pathname !== '/events' || !tokenMatches(url.searchParams.get('t'), token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = (Object.keys(events) as EventName[]).map((event) =>
    opts.ctx.events.on(event, (payload) => {
      const frame = JSON.stringify({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?t=${token}`,
    port,
    token,
    close: () => {
      closing ??= (async () => {
        for (const off of unsubscribe) off();
        for (const ws of sockets) ws.terminate();
        wss.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

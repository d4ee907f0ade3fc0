import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The built index.html with the bridge's token and the browser API injected before the app's script.
 * `notifyInPage`: there is no Electron shell here to show the end-of-sync notification (in the app,
 * main shows it), so the page shows it as a browser Notification — the only place it comes from.
 */
export function injectBridge(html: string, token: string): string {
  const config = `<script>window.__BARSY_BRIDGE__=${JSON.stringify({ token, notifyInPage: true })};</script>`;
  const api = '<script type="module" src="./browser-api.js"></script>';
  const at = html.search(/<script\b/i);
  return at < 0 ? html.replace('</head>', `${config}${api}</head>`) : `${html.slice(0, at)}${config}${api}${html.slice(at)}`;
}

/** Serves a file of the built renderer; false when there is no such file (or it lies outside `root`). */
export function serveStatic(root: string, urlPath: string, res: http.ServerResponse): boolean {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return false;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return false;
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
  return true;
}

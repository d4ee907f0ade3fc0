import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { SimError } from './problem.js';

/**
 * Who may talk to the simulator. It binds to 127.0.0.1 only, but a web page can still reach it through
 * DNS rebinding (a name that resolves to 127.0.0.1): such requests carry the page's host name in `Host`,
 * so only requests addressed to `127.0.0.1:PORT` or `localhost:PORT` are served. The request counters
 * tell what a sync did, so reading or clearing them needs the API key as every API call does.
 */

/** The API key from `Authorization: Basic anystring:KEY` (or `Bearer KEY`); undefined when there is none. */
export function apiKeyOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return value || undefined;
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return (colon < 0 ? decoded : decoded.slice(colon + 1)) || undefined;
}

/** 401 as Mailchimp answers a missing or wrong key; null when the key is right. */
export function authError(key: string | undefined, expected: string): SimError | null {
  if (key === undefined) return new SimError(401, 'API Key Missing', 'Your request did not include an API key.');
  if (key !== expected) return new SimError(401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
  return null;
}

/** True when the `Host` header names this simulator itself (`127.0.0.1:PORT` or `localhost:PORT`). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** 403 problem for a request addressed to another host name; null when the host is this simulator. */
export function hostError(req: http.IncomingMessage, port: number): SimError | null {
  if (hostAllowed(req.headers.host, port)) return null;
  return new SimError(403, 'Forbidden', `This server answers only requests addressed to 127.0.0.1:${port} or localhost:${port}.`);
}

/** A fresh key in Mailchimp's form (`<32 hex>-us1`): the app's demo gets a new one on every start. */
export function randomApiKey(): string {
  return `${randomBytes(16).toString('hex')}-us1`;
}

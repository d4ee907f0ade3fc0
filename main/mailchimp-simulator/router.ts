import { notFound } from './problem.js';
import type { TextOverflow } from './merge-values.js';
import type { SwitchConfig } from './switches.js';
import type { SimList, SimState } from './types.js';

/** Behaviour switches the handlers read (from `startSimulator` options). */
export type RuntimeConfig = SwitchConfig & {
  fakeDomains: readonly string[];
  textOverflow: TextOverflow;
  perMemberMs: number;
  maxMergeFields: number;
  maxInterests: number;
};

export type RouteContext = {
  state: SimState;
  config: RuntimeConfig;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Base URL for `_links`, e.g. `http://127.0.0.1:4010/3.0`. */
  base: string;
  now: number;
};

export type RouteResult = { status: number; body?: unknown; headers?: Record<string, string> };

export type Route = {
  method: string;
  /** Path below `/3.0` with `{param}` segments, e.g. `/lists/{list_id}/members`. */
  template: string;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
};

export type RouteMatch = { route: Route; params: Record<string, string> };

/** The audience named by `{list_id}`, or 404. */
export function listOf(ctx: RouteContext): SimList {
  const list = ctx.state.lists.get(ctx.params.list_id ?? '');
  if (!list) throw notFound();
  return list;
}

/** Splits a path into non-empty, URL-decoded segments (`/3.0` already removed). */
export function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function matchTemplate(template: string, parts: string[]): Record<string, string> | null {
  const t = template.split('/').filter(Boolean);
  if (t.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i += 1) {
    const seg = t[i] as string;
    const part = parts[i] as string;
    if (seg.startsWith('{')) params[seg.slice(1, -1)] = part;
    else if (seg !== part) return null;
  }
  return params;
}

/** Finds the route for a request; `allow` lists the methods of a path that exists with another method. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | { allow: string[] } | null {
  const parts = segments(path);
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchTemplate(route.template, parts);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { allow } : null;
}

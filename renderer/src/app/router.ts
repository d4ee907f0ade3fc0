import { useEffect, useState } from 'react';

export const SCREENS = ['home', 'import', 'groups', 'fields', 'preview', 'sync', 'reports', 'settings', 'wizard'] as const;
export type Screen = (typeof SCREENS)[number];
export type Route = { screen: Screen; param: string | null };

/** `#/reports/12` → { screen: 'reports', param: '12' }; anything unknown → null. */
export function parseHash(hash: string): Route | null {
  const [screen, param] = hash.replace(/^#\/?/, '').split('/');
  if (!screen || !(SCREENS as readonly string[]).includes(screen)) return null;
  return { screen: screen as Screen, param: param ? decodeURIComponent(param) : null };
}

/** Moves to a screen; the hash keeps the back button and reloads working. */
export function navigate(screen: Screen, param?: string | number | null): void {
  const next = `#/${screen}${param !== undefined && param !== null ? `/${encodeURIComponent(String(param))}` : ''}`;
  if (window.location.hash !== next) window.location.hash = next;
}

/** The current route, following hash changes. */
export function useRoute(): Route | null {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

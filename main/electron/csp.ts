// Plain module (no electron import): electron.vite.config.ts reads it to put the policy in index.html.

/** Production policy. Mantine injects `<style>` tags, hence `'unsafe-inline'` for styles only. */
export const PRODUCTION_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy header of every response the window loads. The dev server (never in a
 * packaged app) also needs Vite's inline React-refresh preamble and its HMR websocket.
 */
export function contentSecurityPolicy(opts: { dev?: boolean } = {}): string {
  if (!opts.dev) return PRODUCTION_CSP;
  return PRODUCTION_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  );
}

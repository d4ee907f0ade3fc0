import fs from 'node:fs';

/** Debian's Chromium: the browser on the offline development machines, which cannot download one. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags every test browser gets: no sandbox (containers), no GPU, no QUIC. */
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic'];

/**
 * Launch options for the test browser: `/usr/bin/chromium` where it exists, otherwise nothing, so
 * Playwright starts its own Chromium (installed with `npx playwright install chromium`, as the release
 * workflow does on its Windows and macOS runners). `extraArgs` follow the common flags.
 */
export function chromiumLaunchOptions(extraArgs: string[] = [], exists: (file: string) => boolean = fs.existsSync): { executablePath?: string; args: string[] } {
  return { ...(exists(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}), args: [...BASE_ARGS, ...extraArgs] };
}

import { readFileSync } from 'node:fs';

/**
 * The package version, read from package.json once per process; the CLI's `--version` and `app:info`
 * show it. Sources sit two folders below package.json; bundles (out/bin, out/bin/chunks,
 * out/main/chunks) one to three.
 */
export function packageVersion(): string {
  for (const rel of ['../../package.json', '../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'barsy-mailchimp-sync' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

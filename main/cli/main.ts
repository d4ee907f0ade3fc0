// Entry point of the CLI (bin/barsy-sync.mjs runs its build, out/bin/main.js, or the source through tsx).
// Kept tiny: `--version` answers without loading anything else, `simulator` without the engine, and
// every other command loads only its own module (main/cli/commands/index.ts).
import { readFileSync } from 'node:fs';
import { commandOf } from './command-word.js';

const argv = process.argv.slice(2);

/** The package version: sources sit two folders below package.json, the build (out/bin) two as well. */
function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'barsy-mailchimp-sync' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

const command = commandOf(argv);
if (command === undefined && (argv.includes('--version') || argv.includes('-V'))) {
  process.stdout.write(`${version()}\n`);
} else {
  // `simulator` needs no database and should be listening within a moment: it skips the engine entirely.
  const entry = command === 'simulator' ? await import('./simulator-main.js') : await import('./index.js');
  process.exitCode = await entry.runCli(argv, version());
}

export {};

// Entry point of the CLI (bin/barsy-sync.mjs runs its build, out/bin/main.js, or the source through tsx).
// Kept tiny: `--version` answers without loading anything else, `simulator` without the engine, and
// every other command loads only its own module (main/cli/commands/index.ts).
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../app/package-version.js';
import { dropOutputToClosedPipes } from './closed-pipe.js';
import { useCodeCache } from './code-cache.js';
import { commandOf } from './command-word.js';

const argv = process.argv.slice(2);
dropOutputToClosedPipes();

const command = commandOf(argv);
if (command === undefined && (argv.includes('--version') || argv.includes('-V'))) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  // From the build, the chunks load with V8's cached bytecode (the sources have no cache: a no-op there).
  useCodeCache(fileURLToPath(new URL('.', import.meta.url)));
  // `simulator` needs no database and should be listening within a moment: it skips the engine entirely.
  // No top-level await: the build turns this file into CommonJS (scripts/build-cli.mjs); a failure here
  // still ends the process as an unhandled rejection.
  const entry = command === 'simulator' ? import('./simulator-main.js') : import('./index.js');
  void entry.then(async (e) => {
    process.exitCode = await e.runCli(argv, packageVersion());
  });
}

export {};

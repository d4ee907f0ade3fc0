// Entry point of the CLI (bin/barsy-sync.mjs runs its build, out/bin/main.js, or the source through tsx).
// Kept tiny: `--version` answers without loading anything else, `simulator` without the engine, and
// every other command loads only its own module (main/cli/commands/index.ts).
import { packageVersion } from '../app/package-version.js';
import { dropOutputToClosedPipes, writeOut } from './closed-pipe.js';
import { useCodeCache } from './code-cache.js';
import { commandOf } from './command-word.js';

const argv = process.argv.slice(2);
dropOutputToClosedPipes();

const command = commandOf(argv);
const wantsVersion = argv.includes('--version') || argv.includes('-V');
if (command === undefined && wantsVersion) {
  writeOut(`${packageVersion()}\n`);
} else {
  // From the build, the chunks load with V8's cached bytecode (the sources have no cache: a no-op there).
  useCodeCache(import.meta.dirname);
  // `simulator` needs no database and should be listening within a moment: it skips the engine entirely.
  // No top-level await: the build turns this file into CommonJS (scripts/build-cli.mjs); a failure here
  // still ends the process as an unhandled rejection.
  const entry = command === 'simulator' ? import('./simulator-main.js') : import('./index.js');
  // The version (package.json, read and parsed) only when it is asked for, as `runs --version` may.
  const version = wantsVersion ? packageVersion() : undefined;
  void entry.then(async (e) => {
    process.exitCode = await e.runCli(argv, version);
    // Once nothing is left to do (no timer, socket, file request or output still being written), end at
    // once rather than after Node has freed the heap piece by piece (~5–8 ms of CPU for `runs`). In the
    // check phase, so every promise already settled has run its callbacks; 'exit' listeners still run.
    setImmediate(() => {
      if (process.getActiveResourcesInfo().length === 0) process.exit();
    });
  });
}

export {};

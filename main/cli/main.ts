// Entry point: the bin script and the packaged app's Node mode (ELECTRON_RUN_AS_NODE=1) start here.
const argv = process.argv.slice(2);

/** The first word that is not an option or an option's value (`--db X`, `--lang X`). */
function commandOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--db' || a === '--lang') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

// `simulator` needs no database and should be listening within ~1 s: it skips loading the engine,
// the handler map and every other command (about half the start-up time under tsx).
const entry = commandOf(argv) === 'simulator' ? await import('./simulator-main.js') : await import('./index.js');
process.exitCode = await entry.runCli(argv);

export {};

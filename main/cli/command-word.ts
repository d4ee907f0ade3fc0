/** The first word that is not an option or an option's value (`--db X`, `--lang X`): the command to load. */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--db' || a === '--lang') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

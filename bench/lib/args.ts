/** The benchmark's command-line arguments (after the script name). */
export const args = process.argv.slice(2);

/** The number after `--name` on the command line, else `def`. */
export function numberArg(name: string, def: number): number {
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def;
}

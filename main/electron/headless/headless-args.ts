/** What `<app> --sync [--watch] [--quiet]` asks for. */
export type HeadlessArgs = { watch: boolean; quiet: boolean };

/**
 * The headless flags, or null for a normal start with a window. Only `--sync` switches to headless
 * mode; `--watch` and `--quiet` refine it (alone they mean nothing, so a stray flag never hides the app).
 */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs | null {
  const args = argv.slice(1);
  if (!args.includes('--sync')) return null;
  return { watch: args.includes('--watch'), quiet: args.includes('--quiet') };
}

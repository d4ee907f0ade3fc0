// Builds the CLI into plain JavaScript (out/bin/), so `barsy-sync` starts without compiling TypeScript.
// Runs on `npm install` (the `prepare` script) and whenever bin/barsy-sync.mjs finds the build older
// than the sources. Commands are separate chunks, loaded only when that command runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = path.join(root, 'out', 'bin');

/** npm packages stay in node_modules (better-sqlite3 is native); their JSON files are bundled, because
 * Node refuses a JSON import without `with { type: 'json' }`, which bundlers drop from external imports. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
  },
};

/** Builds into a temporary folder and swaps it in, so a CLI started meanwhile never sees half a build. */
export async function buildCli({ quiet = false } = {}) {
  const tmp = `${CLI_OUT}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['main/cli/main.ts'],
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalPackages],
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: quiet ? 'error' : 'warning',
  });
  // A package.json beside the build marks it as ESM wherever it is copied.
  fs.writeFileSync(path.join(tmp, 'package.json'), '{"type":"module"}\n');
  const old = `${CLI_OUT}.old-${process.pid}`;
  if (fs.existsSync(CLI_OUT)) fs.renameSync(CLI_OUT, old);
  fs.renameSync(tmp, CLI_OUT);
  fs.rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildCli();
  console.log(`barsy-sync CLI built into out/bin/ in ${Date.now() - started} ms`);
}

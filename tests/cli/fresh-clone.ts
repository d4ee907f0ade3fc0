import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root of this checkout. */
export const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * A copy of what a clone of this repository holds for the CLI (sources, launcher, build script, the
 * sample exports, package.json) with its own node_modules of links to this checkout's packages, but without tsx, so
 * the CLI there can only run from its build until tsx is linked in. No build yet: run its `prepare`.
 * Also a frozen copy: other people's edits to this checkout do not reach it.
 */
export function freshClone(prefix = 'barsy-clone-'): { dir: string; linkPackage: (name: string) => void; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const p of ['main', 'shared', 'bin', 'scripts', 'samples', 'package.json', 'tsconfig.json']) fs.cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  const linkPackage = (name: string) => fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(dir, 'node_modules', name));
  for (const name of fs.readdirSync(path.join(REPO, 'node_modules'))) if (!name.startsWith('.') && name !== 'tsx') linkPackage(name);
  // esbuild's own command (a native binary): the benchmark's floor for npx running a local bin.
  fs.symlinkSync(fs.realpathSync(path.join(REPO, 'node_modules', '.bin', 'esbuild')), path.join(dir, 'node_modules', '.bin', 'esbuild'));
  return { dir, linkPackage, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

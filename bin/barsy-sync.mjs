#!/usr/bin/env node
// Entry of the `barsy-sync` CLI. Runs the built JavaScript in out/bin/ (made by `npm install` / `npm ci`
// through the `prepare` script, or `npm run build:cli`), which starts at once; when that build is missing
// or one of the files it was built from has changed since (you edited the code), it runs the TypeScript
// sources through tsx instead, so what runs is always what is in the tree.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'bin', 'main.js');

/**
 * True when the build is missing or older than a file it was built from. It checks only the files the
 * build read (out/bin/inputs.json, a few hundred stats), not every file of the tree: a new file matters
 * only once an existing one imports it, and that edit is seen. A packaged install has no sources: there
 * the build is all there is.
 */
function buildIsStale() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, 'out', 'bin', 'inputs.json'), 'utf8'));
    if (!fs.existsSync(built)) return true;
  } catch {
    return true;
  }
  if (!fs.existsSync(path.join(root, 'main'))) return false;
  // Joined by hand: `path.join` normalises each path in still-cold code, which cost 13 ms for 250 files
  // (the inputs are relative paths with `/`, which Windows accepts as well).
  const base = `${root}/`;
  for (const file of manifest.inputs) {
    const stat = fs.statSync(base + file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= manifest.startedAt) return true;
  }
  return false;
}

if (process.env.BARSY_CLI_FROM_SOURCE === '1' || buildIsStale()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'main', 'cli', 'main.ts')).href);
} else {
  // The build is CommonJS (scripts/build-cli.mjs says why): `require` loads it without the ES module loader.
  createRequire(import.meta.url)(built);
}

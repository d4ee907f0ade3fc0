#!/usr/bin/env node
// Entry of the `barsy-sync` CLI. Runs the built JavaScript in out/bin/ (made by `npm install` through the
// `prepare` script, or `npm run build:cli`), which starts at once; when that build is missing or older
// than a source file (you edited the code since), it runs the TypeScript sources through tsx instead,
// so what runs is always what is in the tree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'bin', 'main.js');

/** True when some source file of the CLI is newer than the build (or the build is missing). */
function buildIsStale() {
  let builtAt;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    return true;
  }
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return false; // a packaged install has no sources: the build is all there is
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() ? walk(p) : e.name.endsWith('.ts') && fs.statSync(p).mtimeMs > builtAt) return true;
    }
    return false;
  };
  return walk(path.join(root, 'main')) || walk(path.join(root, 'shared')) || fs.statSync(path.join(root, 'package.json')).mtimeMs > builtAt;
}

if (process.env.BARSY_CLI_FROM_SOURCE === '1' || buildIsStale()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'main', 'cli', 'main.ts')).href);
} else {
  await import(pathToFileURL(built).href);
}

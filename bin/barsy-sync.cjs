#!/usr/bin/env node
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, on purpose (see below) */
// The `barsy-sync` command (node_modules/.bin/barsy-sync and `npx barsy-sync` run this file). Runs the
// built JavaScript in out/bin/ (made by `npm install` / `npm ci` through the `prepare` script, or
// `npm run build:cli`), which starts at once; when that build is missing or one of the files it was
// built from has changed since (you edited the code), it runs the TypeScript sources through tsx
// instead, so what runs is always what is in the tree. CommonJS on purpose: for an ES module entry
// (.mjs) Node 20 first sets up its ES module loader, ~10–20 ms of every start. barsy-sync.mjs, the name
// programs and scheduled tasks use, loads this file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
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
  // A failure (no tsx in an installed copy) ends the process as an unhandled rejection, with its reason.
  void import('tsx/esm/api').then(({ register }) => {
    register();
    return import(require('node:url').pathToFileURL(path.join(root, 'main', 'cli', 'main.ts')).href);
  });
} else {
  // The build is CommonJS too (scripts/build-cli.mjs says why).
  require(built);
}

#!/usr/bin/env node
// `npm start`: builds the app with electron-vite, then runs it with the Electron binary.
// Where the Electron binary cannot be downloaded (the project's offline machines) it prints one line
// saying so and how to use the CLI instead, and exits with code 1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(import.meta.url);

/** The Electron executable, or null when it is missing and cannot be fetched (quietly: no stack trace). */
function electronBinary() {
  // electron/index.js downloads the binary on first use; a child keeps its noise out of our output.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
  return probe.status === 0 && probe.stdout && fs.existsSync(probe.stdout) ? probe.stdout : null;
}

const electron = process.env.BARSY_ELECTRON_PATH || electronBinary();
if (!electron) {
  process.stderr.write(
    'npm start: the Electron binary is not available on this machine and cannot be downloaded here; use the CLI instead: npx barsy-sync --help (or npx barsy-sync demo for a whole run against the built-in Mailchimp simulator).\n',
  );
  process.exit(1);
}

const viteBin = path.join(path.dirname(requireHere.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));

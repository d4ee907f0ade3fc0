import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { PRODUCT_NAME } from '../db/data-dir.js';
import { redact } from '../logging/logger.js';
import { startApp } from './app-main.js';
import { parseHeadlessArgs } from './headless/headless-args.js';
import { runHeadless } from './headless/run-headless.js';

// Entry of the desktop app (built to out/main/index.js, package.json "main").
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const headless = parseHeadlessArgs(process.argv);
if (headless) {
  // `<app> --sync [--watch] [--quiet]`: a scheduled run, no window, the CLI's exit codes.
  runHeadless({ mainDir, args: headless }).then(
    (code) => app.exit(code),
    (err: unknown) => {
      process.stderr.write(`${redact(err instanceof Error ? err.message : String(err))}\n`);
      app.exit(1);
    },
  );
} else {
  startApp({ mainDir }).catch((err: unknown) => {
    // E.g. an unwritable data folder: say so plainly instead of dying silently.
    dialog.showErrorBox(PRODUCT_NAME, redact(`The app could not start / Програмата не можа да стартира:\n${err instanceof Error ? err.message : String(err)}`));
    app.exit(1);
  });
}

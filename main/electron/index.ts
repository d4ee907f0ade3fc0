import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { PRODUCT_NAME } from '../db/data-dir.js';
import { redact } from '../logging/logger.js';
import { startApp } from './app-main.js';

// Entry of the desktop app (built to out/main/index.js, package.json "main").
startApp({ mainDir: path.dirname(fileURLToPath(import.meta.url)) }).catch((err: unknown) => {
  // E.g. an unwritable data folder: say so plainly instead of dying silently.
  dialog.showErrorBox(PRODUCT_NAME, redact(`The app could not start / Програмата не можа да стартира:\n${err instanceof Error ? err.message : String(err)}`));
  app.exit(1);
});

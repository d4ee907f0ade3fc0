import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app-main.js';

// Entry of the desktop app (built to out/main/index.js, package.json "main").
void startApp({ mainDir: path.dirname(fileURLToPath(import.meta.url)) });

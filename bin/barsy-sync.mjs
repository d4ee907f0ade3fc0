#!/usr/bin/env node
// Development entry of the CLI: runs the TypeScript sources through tsx, so `npx barsy-sync` works right
// after `npm install` with no build step. The packaged app runs the built `out/cli/main.js` instead.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');

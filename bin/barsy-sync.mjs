#!/usr/bin/env node
// Entry of the `barsy-sync` CLI under the name programs, tests and scheduled tasks use
// (`node bin/barsy-sync.mjs …`). The launcher itself is barsy-sync.cjs, which the `barsy-sync` command
// runs directly: this ES module entry costs Node 20 the set-up of its ES module loader first.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./barsy-sync.cjs');

import { runCli } from './index.js';

// Entry point: the bin script and the packaged app's Node mode (ELECTRON_RUN_AS_NODE=1) start here.
const code = await runCli(process.argv.slice(2));
process.exitCode = code;

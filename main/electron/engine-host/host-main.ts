import { runHost } from './host.js';
import { detectTransport } from './transport.js';

// Entry of out/main/engine-host.js (and of the fork in tests/electron): the engine, off the window's loop.
runHost(detectTransport());

/**
 * `tsx main/test-bridge/start.ts [--port N] [--db PATH] [--static DIR] [--simulator] [--sim-latency MS]
 * [--sim-per-member MS]` — starts the browser test bridge over a real app context (a fresh temporary
 * database unless --db is given) and prints one line `BARSY_BRIDGE {json}` with the URL to open (it
 * carries the token), the database path and, with --simulator, the simulator's base URL and API key.
 * Runs until SIGINT/SIGTERM, then closes everything and removes its temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppContext } from '../app/create-app-context.js';
import { createDispatcher } from '../ipc/dispatcher.js';
import { handlers } from '../ipc/handler-map.js';
import { startBridge } from './bridge-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    db: { type: 'string' },
    static: { type: 'string', default: path.join(repoRoot, 'out/renderer-web') },
    simulator: { type: 'boolean', default: false },
    'sim-latency': { type: 'string', default: '0' },
    'sim-per-member': { type: 'string', default: '0' },
  },
});

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(values.static, 'index.html'))) {
    console.error(`No built renderer in ${values.static}: run \`npm run build:renderer\` first.`);
    process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-bridge-'));
  const dbPath = values.db ?? path.join(tmp, 'barsy-sync.sqlite');
  const ctx = createAppContext({ dbPath });
  const dispatch = createDispatcher(handlers, ctx);

  let simulator: { baseUrl: string; apiKey: string; close(): Promise<void> } | null = null;
  if (values.simulator) {
    // Imported only when asked for, so the bridge does not depend on the simulator otherwise.
    const { startSimulator } = await import('../mailchimp-simulator/index.js');
    simulator = await startSimulator({ latencyMs: Number(values['sim-latency']), perMemberMs: Number(values['sim-per-member']) });
  }
  const bridge = await startBridge({ ctx, dispatch, staticDir: values.static, uploadDir: path.join(tmp, 'uploads'), port: Number(values.port) });
  const info = { url: bridge.url, token: bridge.token, port: bridge.port, dbPath, simulator: simulator && { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey } };
  process.stdout.write(`BARSY_BRIDGE ${JSON.stringify(info)}\n`);

  const stop = async () => {
    await bridge.close();
    await simulator?.close();
    await ctx.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();

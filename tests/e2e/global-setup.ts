import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SIM_LATENCY_MS, SIM_PER_MEMBER_MS } from '../helpers/e2e/bridge.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the browser test bridge (with the Mailchimp simulator, slowed down so a sync lasts long
 * enough to cancel) as a child process, hands its address to the tests through the environment and
 * returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/test-bridge/start.ts', '--simulator', '--sim-latency', String(SIM_LATENCY_MS), '--sim-per-member', String(SIM_PER_MEMBER_MS)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('the test bridge did not start within 60 s')), 60_000);
    rl.on('line', (l) => {
      if (!l.startsWith('BARSY_BRIDGE ')) return;
      clearTimeout(timer);
      resolve(l.slice('BARSY_BRIDGE '.length));
    });
    child.once('exit', (code) => reject(new Error(`the test bridge exited with code ${code}`)));
  });
  process.env.BARSY_BRIDGE_INFO = line;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
}

/** The Mailchimp simulator in its own process (its CPU does not count against the code measured). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type SimInfo = { baseUrl: string; apiKey: string; listId: string };
export type Sim = SimInfo & { stats(): Promise<{ requests: number; writes: number }>; close(): void };

/** Starts `barsy-sync simulator` with the given latency, per-member cost and connection limit. */
export async function startSimProcess(o: { latencyMs: number; perMemberMs: number; maxConnections?: number }): Promise<Sim> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/barsy-sync.mjs'), 'simulator', '--json', '--port', '0', '--latency', String(o.latencyMs),
      '--per-member', String(o.perMemberMs), '--max-connections', String(o.maxConnections ?? 10),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as SimInfo;
  const origin = new URL(info.baseUrl).origin;
  const auth = `Basic ${Buffer.from(`bench:${info.apiKey}`).toString('base64')}`;
  return {
    ...info,
    stats: async () => (await (await fetch(`${origin}/__simulator/stats`, { headers: { Authorization: auth } })).json()) as { requests: number; writes: number },
    close: () => child.kill(),
  };
}

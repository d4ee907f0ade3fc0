/**
 * Demo mode: "try with the built-in demo Mailchimp". Runs the simulator inside this process with its
 * state in the data folder (so demo data survives restarts) and points the settings at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context/app-context.js';
import { ensureOwnerOnlyDir, writeOwnerOnlyFile } from '../db/file-modes.js';
import { registerSecret } from '../logging/logger.js';
import type { SimulatorHandle } from '../mailchimp-simulator/index.js';
import { createMailchimpClient } from './sdk-client.js';

/** What demo mode remembers between runs, next to the simulator's state file. */
type DemoMarker = { baseUrl: string; port: number; demoListId: string };

export type DemoInfo = { baseUrl: string; apiKey: string; listId: string };

type Ctx = Pick<AppContext, 'dataDir' | 'settings' | 'disposers' | 'logger'>;

const running = new Map<string, Promise<SimulatorHandle>>();

const demoDir = (ctx: Ctx) => path.join(ctx.dataDir, 'demo-mailchimp');
const markerFile = (ctx: Ctx) => path.join(demoDir(ctx), 'demo.json');
const stateFile = (ctx: Ctx) => path.join(demoDir(ctx), 'state.json');

function readMarker(ctx: Ctx): DemoMarker | undefined {
  try {
    return JSON.parse(fs.readFileSync(markerFile(ctx), 'utf8')) as DemoMarker;
  } catch {
    return undefined;
  }
}

async function launch(ctx: Ctx, port: number): Promise<SimulatorHandle> {
  const { randomApiKey, startSimulator } = await import('../mailchimp-simulator/index.js');
  // A new key on every start: a key shared by every install would let any local program use the demo.
  const opts = { stateFile: stateFile(ctx), seedDemo: true, apiKey: randomApiKey() };
  try {
    return await startSimulator({ ...opts, port });
  } catch (err) {
    // The port of the previous run is taken: any free port will do, the settings are updated below.
    if (port === 0 || (err as { code?: string }).code !== 'EADDRINUSE') throw err;
    return startSimulator({ ...opts, port: 0 });
  }
}

/** Starts this data folder's demo simulator once per process (later calls reuse it). */
function startOnce(ctx: Ctx): Promise<SimulatorHandle> {
  const key = path.resolve(ctx.dataDir);
  let sim = running.get(key);
  if (!sim) {
    ensureOwnerOnlyDir(demoDir(ctx));
    sim = launch(ctx, readMarker(ctx)?.port ?? 0);
    running.set(key, sim);
    sim.then(
      (handle) => {
        // Saved now and then as well, so a crash of the app loses at most a minute of demo data.
        const timer = setInterval(() => void handle.save().catch((err: unknown) => ctx.logger.warn('demo Mailchimp state not saved', err)), 60_000);
        timer.unref();
        ctx.disposers.push(async () => {
          clearInterval(timer);
          running.delete(key);
          await handle.close(); // also writes the state file
        });
      },
      () => running.delete(key),
    );
  }
  return sim;
}

function remember(ctx: Ctx, sim: SimulatorHandle, listId: string): void {
  registerSecret(sim.apiKey);
  const wanted = { 'mailchimp.baseUrl': sim.baseUrl, 'mailchimp.apiKey': sim.apiKey, 'mailchimp.listId': listId } as const;
  for (const [key, value] of Object.entries(wanted) as Array<[keyof typeof wanted, string]>) {
    if (ctx.settings.get(key) !== value) ctx.settings.set(key, value);
  }
  const marker: DemoMarker = { baseUrl: sim.baseUrl, port: sim.port, demoListId: sim.listId };
  writeOwnerOnlyFile(markerFile(ctx), JSON.stringify(marker, null, 2));
}

/**
 * True when another process of this app (e.g. the CLI next to the running app) already serves this data
 * folder's demo: then we use it rather than start a second simulator on the same state file.
 */
async function servedElsewhere(ctx: Ctx): Promise<boolean> {
  if (running.has(path.resolve(ctx.dataDir)) || !settingsPointAtDemo(ctx)) return false;
  const baseUrl = ctx.settings.get('mailchimp.baseUrl');
  const apiKey = ctx.settings.get('mailchimp.apiKey');
  if (!baseUrl || !apiKey) return false;
  try {
    await createMailchimpClient({ apiKey, baseUrl, timeoutMs: 2_000, retry: { maxAttempts: 1 } }).ping();
    return true;
  } catch {
    return false;
  }
}

/** Starts (or reuses) the demo simulator and points the settings at its demo audience. */
export async function startDemoSimulator(ctx: Ctx): Promise<DemoInfo> {
  const marker = readMarker(ctx);
  if (marker && (await servedElsewhere(ctx))) {
    ctx.settings.set('mailchimp.listId', marker.demoListId);
    return { baseUrl: marker.baseUrl, apiKey: ctx.settings.get('mailchimp.apiKey') ?? '', listId: marker.demoListId };
  }
  const sim = await startOnce(ctx);
  remember(ctx, sim, sim.listId);
  return { baseUrl: sim.baseUrl, apiKey: sim.apiKey, listId: sim.listId };
}

/** True when the settings point at this data folder's demo simulator (not a real account). */
export function settingsPointAtDemo(ctx: Ctx): boolean {
  const marker = readMarker(ctx);
  const baseUrl = ctx.settings.get('mailchimp.baseUrl');
  return marker !== undefined && !!baseUrl && baseUrl === marker.baseUrl;
}

/**
 * Before a sync (or after an app restart): when the settings point at the demo simulator and it is
 * not running (in this process or another one of this app), start it again from its state file. The audience the user chose is kept.
 * Resolves to true when demo mode is active.
 */
export async function ensureDemoSimulator(ctx: Ctx): Promise<boolean> {
  if (!settingsPointAtDemo(ctx)) return false;
  if (await servedElsewhere(ctx)) return true;
  const sim = await startOnce(ctx);
  remember(ctx, sim, ctx.settings.get('mailchimp.listId') ?? sim.listId);
  return true;
}

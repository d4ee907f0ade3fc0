import type { WireResult, ChannelName, RequestOf } from '../../../shared/ipc-contract.js';

/** Simulator slowness: a 500-member batch takes ~6 s, so a sync can be cancelled half-way. */
export const SIM_LATENCY_MS = 150;
export const SIM_PER_MEMBER_MS = 12;

export type BridgeInfo = {
  url: string;
  token: string;
  port: number;
  dbPath: string;
  simulator: { baseUrl: string; apiKey: string } | null;
};

/** What the global set-up started (from the environment it sets). */
export function bridgeInfo(): BridgeInfo {
  const raw = process.env.BARSY_BRIDGE_INFO;
  if (!raw) throw new Error('BARSY_BRIDGE_INFO is not set: run through `npm run test:e2e` (global set-up starts the bridge)');
  return JSON.parse(raw) as BridgeInfo;
}

/** The URL of a screen (`#/reports/3`), carrying the bridge token. */
export function screenUrl(hash: string): string {
  return `${bridgeInfo().url}#/${hash}`;
}

/** Calls main directly, as the UI would (used only to check what the UI claims). */
export async function callMain<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<WireResult<C>> {
  const { port, token } = bridgeInfo();
  const res = await fetch(`http://127.0.0.1:${port}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-barsy-token': token },
    body: JSON.stringify(request),
  });
  return (await res.json()) as WireResult<C>;
}

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export type SettleOptions = {
  /** How long size and modification time must stay the same (default 2 s: Barsy and Excel write in bursts). */
  stableMs?: number;
  pollMs?: number;
  /** Give up on a file that keeps changing for this long (default 10 min). */
  maxWaitMs?: number;
  signal?: AbortSignal;
};

export type Settled = { size: number; mtimeMs: number };

/** Whether the file can be opened for reading now (Windows refuses while the writer holds it exclusively). */
function canOpen(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r'));
    return true;
  } catch {
    return false;
  }
}

function statOf(file: string): Settled | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * Waits until a file is complete: its size and modification time have not changed for `stableMs` and it
 * can be opened. Null when the file disappeared, the wait was aborted, or it never settled.
 */
export async function waitUntilComplete(file: string, o: SettleOptions = {}): Promise<Settled | null> {
  const stableMs = o.stableMs ?? 2_000;
  const pollMs = o.pollMs ?? Math.min(250, Math.max(20, stableMs / 4));
  const deadline = Date.now() + (o.maxWaitMs ?? 600_000);
  let last = statOf(file);
  let since = Date.now();
  while (!o.signal?.aborted && Date.now() < deadline) {
    if (!last) return null;
    if (Date.now() - since >= stableMs && canOpen(file)) return last;
    await sleep(pollMs, undefined, { signal: o.signal }).catch(() => undefined);
    const now = statOf(file);
    if (!now || now.size !== last.size || now.mtimeMs !== last.mtimeMs) since = Date.now();
    last = now;
  }
  return null;
}

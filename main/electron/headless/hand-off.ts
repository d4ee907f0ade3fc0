import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { HeadlessArgs } from './headless-args.js';

/**
 * A headless start hands its job to the app instance already running through Electron's single-instance
 * lock (`second-instance` carries this as additional data). The answer comes back as a file in
 * `<userData>/headless/`, named by a random nonce: the running app writes only there, never to a path
 * another process chose.
 */
export type HandOffRequest = { barsyHeadless: 1; nonce: string; watch: boolean };

export type HandOffResult = { exitCode: number; error: AppError | null; runIds: number[] };

const NONCE = /^[0-9a-f]{32}$/;

export function handOffDir(userData: string): string {
  return path.join(userData, 'headless');
}

/** A new request with a fresh nonce. */
export function newHandOffRequest(args: HeadlessArgs): HandOffRequest {
  return { barsyHeadless: 1, nonce: crypto.randomBytes(16).toString('hex'), watch: args.watch };
}

/** The request in `second-instance`'s additional data, if it is one (anything else: a normal second start). */
export function readHandOffRequest(data: unknown): HandOffRequest | null {
  const d = data as Partial<HandOffRequest> | null | undefined;
  if (!d || typeof d !== 'object' || d.barsyHeadless !== 1 || typeof d.nonce !== 'string' || !NONCE.test(d.nonce)) return null;
  return { barsyHeadless: 1, nonce: d.nonce, watch: d.watch === true };
}

const fileOf = (userData: string, nonce: string, ext: 'accepted' | 'json') => path.join(handOffDir(userData), `${nonce}.${ext}`);

/** Written by the running app as soon as it takes the job, so the waiting process knows it is in hand. */
export function acceptHandOff(userData: string, nonce: string): void {
  fs.mkdirSync(handOffDir(userData), { recursive: true });
  fs.writeFileSync(fileOf(userData, nonce, 'accepted'), '');
}

/** The result, written atomically (temp file, then rename) so the waiting process never reads half of it. */
export function writeHandOffResult(userData: string, nonce: string, result: HandOffResult): void {
  fs.mkdirSync(handOffDir(userData), { recursive: true });
  const file = fileOf(userData, nonce, 'json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result));
  fs.renameSync(`${file}.tmp`, file);
}

export type WaitOptions = { acceptMs?: number; maxMs?: number; pollMs?: number };

/**
 * Waits for the running app's answer and removes the files. Null when the app did not take the job
 * within `acceptMs` (an older version, or it was closing): the caller then does the work itself.
 */
export async function waitForHandOff(userData: string, nonce: string, o: WaitOptions = {}): Promise<HandOffResult | null> {
  const started = Date.now();
  const pollMs = o.pollMs ?? 250;
  const accepted = fileOf(userData, nonce, 'accepted');
  const result = fileOf(userData, nonce, 'json');
  try {
    for (;;) {
      if (fs.existsSync(result)) return JSON.parse(fs.readFileSync(result, 'utf8')) as HandOffResult;
      const waited = Date.now() - started;
      if (!fs.existsSync(accepted) && waited > (o.acceptMs ?? 30_000)) return null;
      if (waited > (o.maxMs ?? 12 * 3600_000)) return { exitCode: 1, error: { code: 'internal', params: {} }, runIds: [] };
      await sleep(pollMs);
    }
  } finally {
    fs.rmSync(accepted, { force: true });
    fs.rmSync(result, { force: true });
  }
}

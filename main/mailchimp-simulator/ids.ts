import { createHash } from 'node:crypto';
import type { SimState } from './types.js';

/** md5 hex of a string (Mailchimp's subscriber hash uses md5 too). */
export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Mailchimp's subscriber hash: md5 of the lower-cased address (trimmed, our choice as in NOTES §5). */
export function subscriberHash(email: string): string {
  return md5(email.trim().toLowerCase());
}

/** Deterministic hex id from the seed and a few parts: the same seed always gives the same ids. */
export function seededHex(seed: number, ...parts: Array<string | number>): string {
  return md5(`${seed}|${parts.join('|')}`);
}

/** Deterministic number in [0, 1) from the seed and parts (used for fault decisions). */
export function seededUnit(seed: number, ...parts: Array<string | number>): number {
  return parseInt(seededHex(seed, ...parts).slice(0, 8), 16) / 0x1_0000_0000;
}

/** A fresh 10-hex id (list, category and interest ids look like this) and bumps the state counter. */
export function nextId(state: SimState, kind: string): string {
  state.counter += 1;
  return seededHex(state.seed, kind, state.counter).slice(0, 10);
}

/** A fresh numeric web id. */
export function nextWebId(state: SimState): number {
  state.counter += 1;
  return 100_000 + state.counter;
}

/** Mailchimp's wire format for date-times: second precision with a `+00:00` offset. */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** Epoch ms floored to whole seconds, as `last_changed` is stored. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SimList, SimMember, SimState } from './types.js';

/** Saving and loading the simulator's state as one JSON document. */

const FORMAT = 'barsy-mailchimp-simulator-state';
const VERSION = 1;

type ListJson = Omit<SimList, 'members' | 'forgotten'> & { members: SimMember[]; forgotten: string[] };
type StateJson = Omit<SimState, 'lists'> & { format: string; version: number; lists: ListJson[] };

/** The state as JSON text. */
export function stateToJson(state: SimState): string {
  const doc: StateJson = {
    format: FORMAT,
    version: VERSION,
    seed: state.seed,
    apiKey: state.apiKey,
    account: state.account,
    counter: state.counter,
    lists: [...state.lists.values()].map((l) => ({ ...l, members: [...l.members.values()], forgotten: [...l.forgotten] })),
  };
  return JSON.stringify(doc);
}

/** Parses a saved state; throws when the file is not a simulator state of this version. */
export function stateFromJson(text: string): SimState {
  const doc = JSON.parse(text) as Partial<StateJson>;
  if (doc.format !== FORMAT || doc.version !== VERSION || !Array.isArray(doc.lists)) {
    throw new Error(`not a ${FORMAT} v${VERSION} file`);
  }
  const lists = new Map<string, SimList>();
  for (const l of doc.lists) {
    lists.set(l.id, { ...l, members: new Map(l.members.map((m) => [m.hash, m])), forgotten: new Set(l.forgotten) });
  }
  return { seed: doc.seed ?? 1, apiKey: doc.apiKey ?? '', account: doc.account as SimState['account'], counter: doc.counter ?? 0, lists };
}

/** Writes the state atomically (temporary file, then rename), so a crash never leaves half a file. */
export async function saveState(state: SimState, file: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  // Owner-only: it holds the API key (and, for the app's demo, the members).
  await fs.writeFile(tmp, stateToJson(state), { encoding: 'utf8', mode: 0o600 });
  await fs.rename(tmp, file);
}

/** Loads a saved state, or returns null when the file does not exist. */
export async function loadState(file: string): Promise<SimState | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return stateFromJson(text);
}

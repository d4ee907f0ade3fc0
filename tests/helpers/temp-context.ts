import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../../main/app/create-app-context.js';
import type { AppContext } from '../../main/context/app-context.js';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';

export type TempApp = { dir: string; ctx: AppContext; dispatch: Dispatch; cleanup: () => Promise<void> };

/** A real file database in a fresh temporary folder, with the real handler map over it. */
export function createTempApp(prefix = 'barsy-test-'): TempApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ctx = createAppContext({ dbPath: path.join(dir, 'barsy-sync.sqlite') });
  const dispatch = createDispatcher(handlers, ctx);
  return {
    dir,
    ctx,
    dispatch,
    cleanup: async () => {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

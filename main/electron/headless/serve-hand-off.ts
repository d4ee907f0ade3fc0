import type { AppError } from '../../../shared/domain/app-error.js';
import type { ResponseOf } from '../../../shared/ipc-contract.js';
import type { Dispatch } from '../../ipc/dispatcher.js';
import type { Logger } from '../../logging/logger.js';
import { acceptHandOff, readHandOffRequest, writeHandOffResult, type HandOffResult } from './hand-off.js';

/** Runs the unattended job through the engine and reduces its answer to what the waiting process needs. */
export async function runJob(call: Dispatch, watch: boolean): Promise<HandOffResult & { files?: ResponseOf<'watch:run'>['files'] }> {
  const res = await call('watch:run', { watch });
  if (!res.ok) return { exitCode: 1, error: res.error, runIds: [] };
  const v = res.value as ResponseOf<'watch:run'>;
  return { exitCode: v.exitCode, error: (v.error as AppError | null) ?? null, runIds: v.runIds, files: v.files };
}

/**
 * The `second-instance` listener of a running instance (the app with its window, or a headless run):
 * a headless start's request is done here, one at a time, and its result written where the waiting
 * process reads it; any other second start goes to `onOther` (the window is focused).
 */
export function createHandOffServer(o: { call: Dispatch; userData: string; logger: Logger; onOther?: () => void }) {
  let queue: Promise<void> = Promise.resolve();
  return (_event: unknown, _argv: string[], _cwd: string, additionalData?: unknown): void => {
    const req = readHandOffRequest(additionalData);
    if (!req) return o.onOther?.();
    acceptHandOff(o.userData, req.nonce);
    o.logger.info('a scheduled run was handed over to this instance', { watch: req.watch });
    queue = queue.then(async () => {
      const { exitCode, error, runIds } = await runJob(o.call, req.watch);
      writeHandOffResult(o.userData, req.nonce, { exitCode, error, runIds });
    });
  };
}

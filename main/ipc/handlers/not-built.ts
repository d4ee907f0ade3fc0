import { AppFailure } from '../../../shared/domain/app-error.js';

/** TEMPORARY placeholder for a channel whose domain is still being built; removed when it lands. */
export function notBuilt(channel: string): never {
  throw new AppFailure('internal', { channel });
}

import { AppFailure, appError, type AppError } from '../../shared/domain/app-error.js';
import type { AppContext } from './app-context.js';

/** Turns any thrown value into an `AppError`; unexpected ones are logged (redacted) and become `internal`. */
export function toAppError(err: unknown, ctx: Pick<AppContext, 'logger'>, where: string): AppError {
  if (err instanceof AppFailure) return err.appError;
  ctx.logger.error(`unexpected failure in ${where}`, err instanceof Error ? { message: err.message, stack: err.stack } : err);
  return appError('internal');
}

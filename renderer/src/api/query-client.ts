import { QueryClient } from '@tanstack/react-query';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/ipc-contract.js';
import { call } from './client.js';

/** A failed call inside a query: the query cache wants a thrown value, the screens want the `AppError`. */
export class CallFailure extends Error {
  constructor(readonly appError: AppError) {
    super(appError.code);
  }
}

/** The `AppError` of a failed query (anything else thrown becomes `internal`, never a stack trace). */
export function appErrorOf(error: unknown): AppError | null {
  if (error === null || error === undefined) return null;
  return error instanceof CallFailure ? error.appError : { code: 'internal', params: {} };
}

/** Calls main and returns the answer, throwing a `CallFailure` for an error (for query functions). */
export async function load<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const res = await call(channel, request);
  if (!res.ok) throw new CallFailure(res.error);
  return res.value;
}

/**
 * The renderer's one query cache. Main is local and answers errors as data, so nothing is retried,
 * nothing waits for "online", and nothing is refetched on window focus or on a timer: what changes on
 * its own (runs) is pushed as events (`run-events.ts`), everything else is loaded when a screen opens
 * or asks again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        networkMode: 'always',
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        refetchInterval: false,
        staleTime: 0,
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

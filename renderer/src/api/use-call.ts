import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/ipc-contract.js';
import { call } from './client.js';
import { appErrorOf, load } from './query-client.js';

/** Runs are read through the run model (`runs.ts`), which pushed events keep current. */
export type RunChannel = 'runs:list' | 'runs:get';
export type CallChannel = Exclude<ChannelName, RunChannel>;

export type CallState<C extends ChannelName> = {
  data: ResponseOf<C> | null;
  error: AppError | null;
  loading: boolean;
  reload: () => Promise<void>;
};

/** The query key of one call; `key` lets a screen ask again for the same request (e.g. "refresh"). */
export const callKey = (channel: ChannelName, request: unknown, key: string) => [...channelKey(channel), request, key] as const;
/** The prefix of every call key of a channel: invalidating it asks every screen showing that channel again. */
export const channelKey = (channel: ChannelName) => ['call', channel] as const;

/**
 * Loads a channel's answer when the component mounts and whenever the request or `key` changes.
 * Components asking the same thing at the same time share one call; while a new key loads, the last
 * answer stays on screen; a finished screen's answers are dropped at once (`gcTime: 0`), so opening a
 * screen again loads afresh, as it always did.
 */
export function useCall<C extends CallChannel>(channel: C, request: RequestOf<C>, key = '', enabled = true): CallState<C> {
  const q = useQuery({
    queryKey: callKey(channel, request, key),
    queryFn: () => load(channel, request),
    enabled,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return {
    data: q.data ?? null,
    error: appErrorOf(q.error),
    loading: enabled && (q.isPending || q.isFetching),
    reload,
  };
}

/** Runs an action (a button's call) with busy and error state. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async <C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C> | null> => {
    setBusy(true);
    setError(null);
    const res = await call(channel, request);
    setBusy(false);
    if (res.ok) return res.value;
    setError(res.error);
    return null;
  }, []);
  return { busy, error, setError, run };
}

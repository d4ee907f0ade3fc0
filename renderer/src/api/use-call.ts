import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/ipc-contract.js';
import { call } from './client.js';

export type CallState<C extends ChannelName> = {
  data: ResponseOf<C> | null;
  error: AppError | null;
  loading: boolean;
  reload: () => Promise<void>;
};

/**
 * Loads a channel's answer when the component mounts and whenever `key` changes. The latest request
 * wins, so a slow earlier answer never overwrites a newer one.
 */
export function useCall<C extends ChannelName>(channel: C, request: RequestOf<C>, key = '', enabled = true): CallState<C> {
  const [data, setData] = useState<ResponseOf<C> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const seq = useRef(0);
  const requestRef = useRef(request);
  requestRef.current = request;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    const res = await call(channel, requestRef.current);
    if (mine !== seq.current) return;
    if (res.ok) {
      setData(res.value);
      setError(null);
    } else {
      setError(res.error);
    }
    setLoading(false);
  }, [channel]);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, key, enabled]);

  return { data, error, loading, reload };
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

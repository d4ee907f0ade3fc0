import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/domain/app-error.js';

type Stored = { ok: true } | { ok: false; error: AppError };

/**
 * What the two mapping grids share about their rows: the choice shown at once while main stores it
 * (a controlled select would otherwise jump back for a moment), the error of the row that failed,
 * and "create in Mailchimp, then map this row to it".
 */
export function useMappingRows(reloadMapping: () => Promise<void>, reloadAll: () => Promise<void>) {
  const [pending, setPending] = useState<Record<string, string>>({});
  const [rowError, setRowError] = useState<{ key: string; error: AppError } | null>(null);
  const [creating, setCreating] = useState<string | null>(null);

  const forget = useCallback((key: string) => setPending(({ [key]: _dropped, ...rest }) => rest), []);

  /** Shows `shown` for the row, stores it with `store`, reloads, then shows what main has. */
  const save = useCallback(
    async (key: string, shown: string, store: () => Promise<Stored>) => {
      setRowError(null);
      setPending((p) => ({ ...p, [key]: shown }));
      const res = await store();
      if (!res.ok) setRowError({ key, error: res.error });
      await reloadMapping();
      forget(key);
    },
    [reloadMapping, forget],
  );

  /** After "create in Mailchimp": reload the audience, then map the row the dialog was opened for. */
  const created = useCallback(
    async (apply: (key: string) => Promise<void>) => {
      const key = creating;
      setCreating(null);
      await reloadAll();
      if (key !== null) await apply(key);
    },
    [creating, reloadAll],
  );

  return {
    save,
    refuse: (key: string, error: AppError) => setRowError({ key, error }),
    errorFor: (key: string) => (rowError?.key === key ? rowError.error : null),
    shown: (key: string, stored: string) => pending[key] ?? stored,
    creating,
    setCreating,
    created,
  };
}

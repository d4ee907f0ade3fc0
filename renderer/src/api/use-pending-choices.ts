import { useCallback, useState } from 'react';

/**
 * What the user just chose in a grid row, shown at once while main stores it and the grid reloads
 * (a controlled select would otherwise jump back to the old value for a moment). `settle` forgets
 * the choice once the reloaded data carries it, or when storing it failed.
 */
export function usePendingChoices() {
  const [pending, setPending] = useState<Record<string, string>>({});
  const choose = useCallback((key: string, value: string) => setPending((p) => ({ ...p, [key]: value })), []);
  const settle = useCallback(
    (key: string) =>
      setPending((p) => {
        const { [key]: _dropped, ...rest } = p;
        return rest;
      }),
    [],
  );
  const shown = useCallback((key: string, stored: string) => pending[key] ?? stored, [pending]);
  return { choose, settle, shown };
}

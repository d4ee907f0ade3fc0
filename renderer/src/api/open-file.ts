import { useEffect } from 'react';
import { barsyApi } from './client.js';

/**
 * The app's "File → Import CSV…" menu hands the chosen file's reference (a token main resolves, never a
 * path) to the UI (Electron only). The shell keeps it here and switches to the import screen, whose
 * panel takes it when it mounts or, if already open, at once.
 */
let pending: string | null = null;
const listeners = new Set<(path: string) => void>();

/** Subscribes the shell to the menu; `onFile` usually navigates to the import screen. */
export function useMenuOpenFile(onFile: () => void): void {
  useEffect(() => {
    const api = barsyApi();
    if (!api?.onOpenFile) return;
    return api.onOpenFile(({ ref }) => {
      pending = ref;
      onFile();
      for (const l of listeners) l(ref);
    });
  }, [onFile]);
}

/** The import panel's side: receives a file reference chosen from the menu (now or before it mounted). */
export function useOpenedFile(onPath: (path: string) => void): void {
  useEffect(() => {
    const take = () => {
      if (pending === null) return;
      const p = pending;
      pending = null;
      onPath(p);
    };
    take();
    listeners.add(take);
    return () => void listeners.delete(take);
  }, [onPath]);
}

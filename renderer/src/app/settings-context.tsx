import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { SettingKey, SettingsView } from '../../../shared/domain/settings.js';
import type { ResponseOf } from '../../../shared/ipc-contract.js';
import { call } from '../api/client.js';
import { applyLanguage } from '../i18n/index.js';

type AppInfo = ResponseOf<'app:info'>;

type SettingsState = {
  settings: SettingsView;
  info: AppInfo | null;
  /** Stores one setting; resolves to the error (if any) so forms can show it beside the field. */
  save: (key: SettingKey, value: string) => Promise<AppError | null>;
  /** Stores several settings in order, stopping at the first error. */
  saveMany: (entries: Array<[SettingKey, string]>) => Promise<AppError | null>;
  reload: () => Promise<void>;
};

const Ctx = createContext<SettingsState | null>(null);

/** The settings every screen reads (language, wizard step, audience, …), kept in one place. */
export function useSettings(): SettingsState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSettings outside SettingsProvider');
  return v;
}

type LoadState = { settings: SettingsView | null; info: AppInfo | null; error: AppError | null };

/** Loads settings and app info once, then renders children with them (or `fallback` while loading). */
export function SettingsProvider({ children, fallback }: { children: ReactNode; fallback: (error: AppError | null) => ReactNode }) {
  const [state, setState] = useState<LoadState>({ settings: null, info: null, error: null });

  const reload = useCallback(async () => {
    const [s, i] = await Promise.all([call('settings:get', {}), call('app:info', {})]);
    if (!s.ok) {
      setState((prev) => ({ ...prev, error: s.error }));
      return;
    }
    await applyLanguage(s.value.values['ui.language']);
    setState({ settings: s.value, info: i.ok ? i.value : null, error: null });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = useCallback(async (key: SettingKey, value: string) => {
    const res = await call('settings:set', { key, value });
    if (!res.ok) return res.error;
    if (key === 'ui.language') await applyLanguage(value);
    setState((prev) => ({ ...prev, settings: res.value }));
    return null;
  }, []);

  const saveMany = useCallback(
    async (entries: Array<[SettingKey, string]>) => {
      for (const [key, value] of entries) {
        const err = await save(key, value);
        if (err) return err;
      }
      return null;
    },
    [save],
  );

  const value = useMemo(
    () => (state.settings ? { settings: state.settings, info: state.info, save, saveMany, reload } : null),
    [state.settings, state.info, save, saveMany, reload],
  );
  if (!value) return <>{fallback(state.error)}</>;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

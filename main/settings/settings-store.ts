import type { Db } from '../db/open-database.js';
import {
  SECRET_SETTING_KEYS,
  SETTING_DEFAULTS,
  SETTING_KEYS,
  settingSchemas,
  type SettingKey,
  type SettingsView,
} from '../../shared/domain/settings.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { SecretCipher } from './secret-cipher.js';

export type SettingsStore = {
  /** The raw stored text (decrypted for secrets), or the default, or undefined. */
  get(key: SettingKey): string | undefined;
  /** Validates and stores; secrets are encrypted first. An empty value clears the setting. */
  set(key: SettingKey, value: string): void;
  /** Everything with secrets masked: the only form that may be shown or logged. */
  view(): SettingsView;
};

/** Settings kept in SQLite; secrets pass through the cipher and never leave in clear except via `get`. */
export function createSettingsStore(db: Db, cipher: SecretCipher): SettingsStore {
  const select = db.prepare<[string], { value: string; encrypted: number }>('SELECT value, encrypted FROM settings WHERE key = ?');
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, encrypted, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, encrypted = excluded.encrypted, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');

  const get = (key: SettingKey): string | undefined => {
    const row = select.get(key);
    if (!row) return SETTING_DEFAULTS[key];
    if (!row.encrypted) return row.value;
    try {
      return cipher.decrypt(row.value);
    } catch {
      throw new AppFailure('secret_unavailable');
    }
  };

  return {
    get,
    set(key, value) {
      if (!SETTING_KEYS.includes(key)) throw new AppFailure('setting_unknown', { key });
      const trimmed = value.trim();
      if (trimmed === '') {
        remove.run(key);
        return;
      }
      const parsed = settingSchemas[key].safeParse(trimmed);
      if (!parsed.success) {
        const reason = parsed.error.issues[0]?.message ?? 'invalid';
        // Never echo a secret's value back in an error.
        throw new AppFailure('setting_invalid', { key, reason });
      }
      const secret = SECRET_SETTING_KEYS.has(key);
      upsert.run(key, secret ? cipher.encrypt(trimmed) : trimmed, secret ? 1 : 0, new Date().toISOString());
    },
    view() {
      const values: Record<string, string> = {};
      const secretsSet: Record<string, boolean> = {};
      for (const key of SETTING_KEYS) {
        if (SECRET_SETTING_KEYS.has(key)) {
          secretsSet[key] = select.get(key) !== undefined;
          continue;
        }
        const v = get(key);
        if (v !== undefined) values[key] = v;
      }
      return { values, secretsSet, secretStorage: cipher.kind };
    },
  };
}

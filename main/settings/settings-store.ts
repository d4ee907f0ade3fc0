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
import { checkMailchimpBaseUrl } from './mailchimp-base-url.js';
import type { SecretCipher } from './secret-cipher.js';

export type SettingsStore = {
  /** The raw stored text (decrypted for secrets), or the default, or undefined. */
  get(key: SettingKey): string | undefined;
  /** Validates and stores; secrets are encrypted first. An empty value clears the setting. */
  set(key: SettingKey, value: string): void;
  /** Everything with secrets masked: the only form that may be shown or logged. */
  view(): SettingsView;
};

const ALLOW_SCHEDULED: SettingKey = 'sync.allowScheduled';
const BASE_URL: SettingKey = 'mailchimp.baseUrl';

/**
 * Settings kept in SQLite; secrets pass through the cipher and never leave in clear except via `get`.
 * `fallbackCipher` (the file-key cipher) seals the copies kept for scheduled syncs when the user opted in
 * (`sync.allowScheduled`); without it, a store whose main cipher is the file key uses that one.
 */
export function createSettingsStore(db: Db, cipher: SecretCipher, fallbackCipher?: SecretCipher): SettingsStore {
  const copyCipher = fallbackCipher ?? (cipher.kind === 'fallback-file-key' ? cipher : undefined);
  const select = db.prepare<[string], { value: string; encrypted: number; scheduled_copy: string | null }>(
    'SELECT value, encrypted, scheduled_copy FROM settings WHERE key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, encrypted, updated_at, scheduled_copy) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, encrypted = excluded.encrypted, updated_at = excluded.updated_at,
       scheduled_copy = excluded.scheduled_copy`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  const setCopy = db.prepare('UPDATE settings SET scheduled_copy = ? WHERE key = ?');
  const clearCopies = db.prepare('UPDATE settings SET scheduled_copy = NULL WHERE scheduled_copy IS NOT NULL');

  const get = (key: SettingKey): string | undefined => {
    const row = select.get(key);
    if (!row) return SETTING_DEFAULTS[key];
    if (!row.encrypted) return row.value;
    try {
      return cipher.decrypt(row.value);
    } catch {
      // The CLI cannot open the keychain-sealed value; the copy kept for scheduled syncs can stand in.
      if (row.scheduled_copy !== null && copyCipher) {
        try {
          return copyCipher.decrypt(row.scheduled_copy);
        } catch {
          // fall through: the copy is unreadable too (other machine, key file replaced)
        }
      }
      throw new AppFailure('secret_unavailable');
    }
  };

  /** The stored API key when this process can read it (the data-centre check needs it, nothing else). */
  const readableKey = (): string | undefined => {
    try {
      return get('mailchimp.apiKey');
    } catch {
      return undefined;
    }
  };

  const scheduledAllowed = () => get(ALLOW_SCHEDULED) === 'true';
  const sealCopy = (plain: string): string | null => (scheduledAllowed() && copyCipher ? copyCipher.encrypt(plain) : null);

  /** Seals a copy of every stored secret this process can read; one it cannot read keeps what it has. */
  const writeCopies = () => {
    if (!copyCipher) return;
    for (const key of SECRET_SETTING_KEYS) {
      if (!select.get(key)) continue;
      let plain: string | undefined;
      try {
        plain = get(key);
      } catch {
        continue;
      }
      if (plain !== undefined) setCopy.run(copyCipher.encrypt(plain), key);
    }
  };

  const store = (key: SettingKey, value: string) => {
    const secret = SECRET_SETTING_KEYS.has(key);
    upsert.run(key, secret ? cipher.encrypt(value) : value, secret ? 1 : 0, new Date().toISOString(), secret ? sealCopy(value) : null);
  };

  const setAllowScheduled = db.transaction((value: string) => {
    store(ALLOW_SCHEDULED, value);
    if (value === 'true') writeCopies();
    else clearCopies.run();
  });

  return {
    get,
    set(key, value) {
      if (!SETTING_KEYS.includes(key)) throw new AppFailure('setting_unknown', { key });
      const trimmed = value.trim();
      if (trimmed === '') {
        if (key === ALLOW_SCHEDULED) setAllowScheduled('false');
        remove.run(key);
        return;
      }
      const parsed = settingSchemas[key].safeParse(trimmed);
      if (!parsed.success) {
        const reason = parsed.error.issues[0]?.message ?? 'invalid';
        // Never echo a secret's value back in an error.
        throw new AppFailure('setting_invalid', { key, reason });
      }
      if (key === ALLOW_SCHEDULED) setAllowScheduled(trimmed);
      else if (key === BASE_URL) store(key, checkMailchimpBaseUrl(trimmed, readableKey()));
      else store(key, trimmed);
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

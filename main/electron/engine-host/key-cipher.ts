import crypto from 'node:crypto';
import { createFileKeyCipher, type SecretCipher } from '../../settings/secret-cipher.js';

const PREFIX = 'kc1:';

/**
 * The app's secret cipher (kind `os-keychain`): AES-256-GCM under a data key that exists on disk only
 * sealed by Electron's `safeStorage` (DPAPI on Windows, the Keychain on macOS). Main unseals the key and
 * hands it to the engine host in memory, because `safeStorage` works only in Electron's main process —
 * the same envelope scheme Chromium uses for its own cookie store.
 *
 * Values sealed earlier by the file-key fallback (`fk1:`, e.g. set with the CLI) still decrypt, so
 * switching from the CLI to the app does not lose them; new values are always sealed with the data key.
 */
export function createKeychainKeyCipher(key: Buffer, dataDir: string): SecretCipher {
  if (key.length !== 32) throw new Error('the keychain data key must be 32 bytes');
  const legacy = createFileKeyCipher(dataDir);
  return {
    kind: 'os-keychain',
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) return legacy.decrypt(sealed);
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts secrets (API key, SMTP password) before they reach SQLite. The app supplies one backed by
 * Electron's `safeStorage` (the OS keychain); the CLI and tests use the file-key fallback below.
 */
export type SecretCipher = {
  kind: 'os-keychain' | 'fallback-file-key';
  encrypt(plain: string): string;
  /** Throws when the text was not encrypted by this cipher on this machine. */
  decrypt(sealed: string): string;
};

/**
 * AES-256-GCM with a random key kept in `secret.key` (mode 0600) beside the database. Weaker than the
 * OS keychain — anyone who can read the data folder can decrypt — which is why the UI labels it.
 */
export function createFileKeyCipher(dataDir: string): SecretCipher {
  const keyFile = path.join(dataDir, 'secret.key');
  let key: Buffer | undefined;
  const loadKey = (): Buffer => {
    if (key) return key;
    if (fs.existsSync(keyFile)) {
      key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    } else {
      fs.mkdirSync(dataDir, { recursive: true });
      key = crypto.randomBytes(32);
      // `wx` so two processes starting at once cannot overwrite each other's key.
      try {
        fs.writeFileSync(keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch {
        key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
      }
    }
    return key;
  };
  return {
    kind: 'fallback-file-key',
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `fk1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('fk1:')) throw new Error('not sealed by the file-key cipher');
      const raw = Buffer.from(sealed.slice(4), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', loadKey(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

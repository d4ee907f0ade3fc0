import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';

/** The part of Electron's `safeStorage` this needs (a fake in tests). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?: () => string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
};

export const SEALED_KEY_FILE = 'secret-key.safestorage';

/**
 * True when `safeStorage` really encrypts. On Linux without a keyring it "works" with a hard-coded
 * password (`basic_text`), which is no protection — treat that as unavailable and say so in the UI.
 */
export function keychainAvailable(safe: SafeStorageLike): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  return safe.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * The 32-byte data key for secrets, kept on disk only as `safeStorage` ciphertext in userData. Returns
 * null when the OS keychain is unavailable: the engine then falls back to the file-key cipher, and
 * `settings:get` reports `fallback-file-key` so the UI can show it. A key the keychain can no longer
 * open (profile copied to another machine) is replaced; the secrets it sealed must be entered again.
 */
export function loadOrCreateDataKey(safe: SafeStorageLike, userData: string, logger: Logger): Buffer | null {
  if (!keychainAvailable(safe)) {
    logger.warn('OS keychain unavailable: secrets use the file-key fallback');
    return null;
  }
  const file = path.join(userData, SEALED_KEY_FILE);
  if (fs.existsSync(file)) {
    try {
      const key = Buffer.from(safe.decryptString(fs.readFileSync(file)), 'base64');
      if (key.length === 32) return key;
    } catch {
      // fall through to a new key
    }
    logger.warn('the sealed secret key could not be opened; a new one is created and secrets must be entered again');
  }
  const key = crypto.randomBytes(32);
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(file, safe.encryptString(key.toString('base64')), { mode: 0o600 });
  return key;
}

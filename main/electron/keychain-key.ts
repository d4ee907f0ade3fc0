import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { writeFileAtomic } from './atomic-file.js';

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
 * What opening the data key gave:
 * - `key`: the 32-byte key (read back, or made on first start);
 * - `none`: no keychain and no sealed key — the engine uses the file-key fallback;
 * - `refused`: a sealed key exists but the keychain did not open it (a denied prompt, an update signed
 *   differently, the keychain locked or gone). Nothing was changed: asking again may succeed.
 */
export type DataKey = { kind: 'key'; key: Buffer } | { kind: 'none' } | { kind: 'refused'; reason: string };

/** Seals a new random key and writes it atomically (a crash never leaves a half-written sealed key). */
function sealNewKey(safe: SafeStorageLike, file: string): Buffer {
  const key = crypto.randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, safe.encryptString(key.toString('base64')));
  return key;
}

/**
 * Opens the 32-byte data key for secrets, kept on disk only as `safeStorage` ciphertext in userData.
 * An existing sealed key is NEVER replaced here: when the keychain will not open it, this says so and
 * the caller asks the user (try again, or an explicit reset — `resetDataKey`). Only a first start, with
 * no sealed key yet, makes a new one.
 */
export function openDataKey(safe: SafeStorageLike, userData: string, logger: Logger): DataKey {
  const file = path.join(userData, SEALED_KEY_FILE);
  const exists = fs.existsSync(file);
  if (!keychainAvailable(safe)) {
    if (exists) return { kind: 'refused', reason: 'keychain unavailable' };
    logger.warn('OS keychain unavailable: secrets use the file-key fallback');
    return { kind: 'none' };
  }
  if (!exists) return { kind: 'key', key: sealNewKey(safe, file) };
  try {
    const key = Buffer.from(safe.decryptString(fs.readFileSync(file)), 'base64');
    if (key.length === 32) return { kind: 'key', key };
    return { kind: 'refused', reason: 'unsealed key has the wrong length' };
  } catch (err) {
    return { kind: 'refused', reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The explicit "reset secrets": the old sealed key is moved aside (kept as a backup, in case the
 * keychain opens it again one day) and a new key is made. Secrets sealed with the old key must be
 * entered again. Null when the keychain is unavailable: the engine then uses the file-key fallback.
 */
export function resetDataKey(safe: SafeStorageLike, userData: string, logger: Logger, now = new Date()): Buffer | null {
  const file = path.join(userData, SEALED_KEY_FILE);
  if (fs.existsSync(file)) {
    const backup = `${file}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
    fs.renameSync(file, backup);
    logger.warn('secrets reset by the user: the old sealed key is kept as a backup', { backup: path.basename(backup) });
  }
  if (!keychainAvailable(safe)) return null;
  return sealNewKey(safe, file);
}

/** The user's answer when the keychain refused: ask it again, make a new key, or quit. */
export type RefusedChoice = 'retry' | 'reset' | 'quit';

/**
 * The data key for this start, asking the user as long as the keychain refuses. Never replaces the key
 * on its own. Resolves to the key, null (file-key fallback), or 'quit'.
 */
export async function obtainDataKey(
  safe: SafeStorageLike,
  userData: string,
  logger: Logger,
  askWhenRefused: () => Promise<RefusedChoice>,
): Promise<Buffer | null | 'quit'> {
  for (;;) {
    const opened = openDataKey(safe, userData, logger);
    if (opened.kind === 'key') return opened.key;
    if (opened.kind === 'none') return null;
    logger.warn('the OS keychain refused to open the sealed secret key; asking the user', { reason: opened.reason });
    const choice = await askWhenRefused();
    if (choice === 'quit') return 'quit';
    if (choice === 'reset') return resetDataKey(safe, userData, logger);
  }
}

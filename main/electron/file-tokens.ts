import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import type { ChannelName } from '../../shared/ipc-contract.js';

/**
 * The page never sees or sends a file path. A file the user chose (open dialog, File menu) or dropped
 * is registered here and the page gets an opaque token for it; main swaps the token back for the path
 * before a request reaches the engine. A compromised page can therefore only name files the user
 * picked, not probe the disk. The CLI and the browser test bridge are trusted callers of the same
 * dispatcher and keep sending paths: the swap happens only at the Electron IPC bridge.
 */
export const FILE_TOKEN_PREFIX = 'barsy-file:';

/** The request fields of the contract that name a file (a token from the page, a path elsewhere). */
export const FILE_FIELDS = {
  'import:preview': ['path', 'representativesPath'],
  'import:run': ['path', 'representativesPath'],
} as const satisfies Partial<Record<ChannelName, readonly string[]>>;

/** Settings whose value is a folder on disk (set from the page only through a folder dialog's token). */
export const FOLDER_SETTINGS: ReadonlySet<string> = new Set(['watch.folder']);

export type FileTokens = {
  /** A new token for a file main itself learnt the path of (a dialog, a drop the preload resolved). */
  issue(filePath: string): string;
  /** The path behind a token; null for anything else, a path above all. */
  resolve(token: unknown): string | null;
};

/** Tokens of this window's life; the oldest are forgotten past `limit` (the user picks the file again). */
export function createFileTokens(limit = 200): FileTokens {
  const paths = new Map<string, string>();
  return {
    issue(filePath) {
      const token = FILE_TOKEN_PREFIX + crypto.randomBytes(16).toString('hex');
      paths.set(token, filePath);
      if (paths.size > limit) paths.delete(paths.keys().next().value as string);
      return token;
    },
    resolve(token) {
      return typeof token === 'string' ? (paths.get(token) ?? null) : null;
    },
  };
}

/** Only an existing regular file, named by an absolute path, is registered for a drop. */
export function isDroppableFile(p: unknown): p is string {
  if (typeof p !== 'string' || p.length === 0 || p.length > 4096 || !path.isAbsolute(p)) return false;
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export type Resolved = { ok: true; request: unknown } | { ok: false; error: AppError; field: string };

/**
 * Swaps every file token in a request from the page for its path. A file field holding anything but
 * a token this window was given (a raw path, a forged or forgotten token) refuses the whole call.
 */
export function resolveFileRefs(channel: ChannelName, request: unknown, tokens: FileTokens): Resolved {
  // The watched export folder is a path too: the page names it only by the token of a folder dialog
  // (an empty value, "stop watching", needs none).
  if (channel === 'settings:set' && request !== null && typeof request === 'object') {
    const r = request as Record<string, unknown>;
    if (!FOLDER_SETTINGS.has(String(r.key)) || r.value === '') return { ok: true, request };
    const folder = tokens.resolve(r.value);
    return folder === null ? { ok: false, error: appError('file_reference_refused'), field: 'value' } : { ok: true, request: { ...r, value: folder } };
  }
  const fields = (FILE_FIELDS as Partial<Record<ChannelName, readonly string[]>>)[channel];
  if (!fields || request === null || typeof request !== 'object') return { ok: true, request };
  const out: Record<string, unknown> = { ...(request as Record<string, unknown>) };
  for (const field of fields) {
    if (out[field] === undefined) continue;
    const resolved = tokens.resolve(out[field]);
    if (resolved === null) return { ok: false, error: appError('file_reference_refused'), field };
    out[field] = resolved;
  }
  return { ok: true, request: out };
}

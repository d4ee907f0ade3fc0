import path from 'node:path';
import { appError, type Result } from '../../shared/domain/app-error.js';
import { SAVE_FILE_MAX_BYTES, shellChannels, type SaveFileResponse } from '../../shared/ipc-contract.js';
import { writeFileAtomic } from './atomic-file.js';

type Kind = 'csv' | 'html' | 'text';
export const EXTENSION: Record<Kind, string> = { csv: 'csv', html: 'html', text: 'txt' };

/** The save dialog main shows (Electron's in the app, a fake in tests); null when cancelled. */
export type AskSavePath = (defaultPath: string, kind: Kind) => Promise<string | null>;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A name the page suggested, made safe to offer in a save dialog: no folders, no characters Windows
 * refuses, no leading dots, at most 120 characters, and the extension of the kind of content.
 */
export function safeFileName(suggested: string, kind: Kind): string {
  const base = path.basename(suggested.replaceAll('\\', '/'));
  const clean = [...base]
    .map((ch) => (ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 120);
  const ext = `.${EXTENSION[kind]}`;
  const name = clean || 'export';
  return name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`;
}

/**
 * Serves `file:save`: validates what the page sends (shape and size, in UTF-8 bytes too), asks the
 * user where to save, and writes the file atomically. The page never names the folder: it suggests
 * a file name, the user chooses the place.
 */
export async function saveFileFromPage(raw: unknown, deps: { ask: AskSavePath; defaultDir: string }): Promise<Result<SaveFileResponse>> {
  const parsed = shellChannels['file:save'].request.safeParse(raw);
  if (!parsed.success) {
    const tooBig = parsed.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'content');
    if (tooBig) return { ok: false, error: appError('export_too_large', { size: `> ${mb(SAVE_FILE_MAX_BYTES)}`, limit: mb(SAVE_FILE_MAX_BYTES) }) };
    return { ok: false, error: appError('ipc_invalid_request', { channel: 'file:save', detail: parsed.error.issues[0]?.message ?? 'invalid' }) };
  }
  const { content, kind, suggestedName } = parsed.data;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > SAVE_FILE_MAX_BYTES) return { ok: false, error: appError('export_too_large', { size: mb(bytes), limit: mb(SAVE_FILE_MAX_BYTES) }) };

  const target = await deps.ask(path.join(deps.defaultDir, safeFileName(suggestedName, kind)), kind);
  if (!target) return { ok: true, value: { saved: false } };
  try {
    writeFileAtomic(target, content);
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, error: appError('export_write_failed', { file: path.basename(target), detail }) };
  }
  return { ok: true, value: { saved: true, fileName: path.basename(target) } };
}

import type { AppError } from '../../../../shared/domain/app-error.js';
import { saveFile } from '../../api/files.js';

export type SaveOutcome = { saved: true; fileName: string } | { saved: false; error?: AppError };

/**
 * Saves exported text as a file. Never a browser download in the app: the shell refuses those, so the
 * content goes to main, which asks where to save it and writes it (see `BarsyApi.saveFile`).
 */
export async function saveText(fileName: string, content: string, kind: 'csv' | 'html' | 'text'): Promise<SaveOutcome> {
  const res = await saveFile({ suggestedName: fileName, content, kind });
  if (!res.ok) return { saved: false, error: res.error };
  return res.value.saved ? { saved: true, fileName: res.value.fileName ?? fileName } : { saved: false };
}

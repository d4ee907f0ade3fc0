import type { SaveFileRequest } from '../../../shared/ipc-contract.js';
import { barsyApi } from './client.js';

/*
 * Files the user gives the app are named by a reference, not a path the page could make up: in the
 * desktop app an opaque token main swaps for the path (a path typed by the page is refused); in the
 * browser test bridge the path of an uploaded copy.
 */

/** Opens the native file dialog (app) or the browser's file chooser (test bridge); null when cancelled. */
export async function pickCsvFile(): Promise<string | null> {
  const api = barsyApi();
  if (!api?.pickFile) return null;
  return api.pickFile('csv');
}

/** The reference main accepts for a file dropped on the window; null if it is not a local file. */
export async function refForDroppedFile(file: File): Promise<string | null> {
  const api = barsyApi();
  if (!api?.fileRef) return null;
  return api.fileRef(file);
}

/**
 * Saves an export: in the app main shows a save dialog and writes the file (the window refuses
 * downloads); in the test bridge it is a browser download. Resolves to what happened, as data.
 */
export async function saveFile(file: SaveFileRequest) {
  const api = barsyApi();
  if (!api) return { ok: false as const, error: { code: 'internal' as const, params: {} } };
  return api.saveFile(file);
}

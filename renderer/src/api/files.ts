import { barsyApi } from './client.js';

/** Opens the native file dialog (app) or the browser's file chooser (test bridge); null when cancelled. */
export async function pickCsvFile(): Promise<string | null> {
  const api = barsyApi();
  if (!api?.pickFile) return null;
  return api.pickFile('csv');
}

/**
 * The path main can read for a dropped file: Electron resolves it locally (`pathForFile`), the browser
 * bridge uploads it to a temporary folder first (`uploadFile`).
 */
export async function pathForDroppedFile(file: File): Promise<string | null> {
  const api = barsyApi();
  if (api?.pathForFile) {
    const p = api.pathForFile(file);
    if (p) return p;
  }
  if (api?.uploadFile) return api.uploadFile(file);
  return null;
}

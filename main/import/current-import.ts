import { AppFailure } from '../../shared/domain/app-error.js';
import type { Db } from '../db/open-database.js';
import { getCurrentImportId } from './client-store.js';

/** The import the next sync uses; `no_import` when nothing was imported yet. */
export function requireImportId(db: Db): number {
  const id = getCurrentImportId(db);
  if (id === null) throw new AppFailure('no_import');
  return id;
}

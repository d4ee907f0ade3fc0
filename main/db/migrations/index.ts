import { migration001 } from './001-initial.js';
import { migration002 } from './002-import-reuse.js';
import { migration003 } from './003-scheduled-secret-copy.js';
import { migration010 } from './010-sync-runs.js';
import { migration011 } from './011-audience-mirror.js';
import { migration020 } from './020-run-reports.js';

export type Migration = { version: number; name: string; sql: string };

/** All migrations in order. Append only. */
export const migrations: Migration[] = [migration001, migration002, migration003, migration010, migration011, migration020];

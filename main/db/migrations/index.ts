import { migration001 } from './001-initial.js';

export type Migration = { version: number; name: string; sql: string };

/** All migrations in order. Append only. */
export const migrations: Migration[] = [migration001];

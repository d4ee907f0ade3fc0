import { migration001 } from './001-initial.js';
import { migration002 } from './002-import-reuse.js';
import { migration003 } from './003-scheduled-secret-copy.js';
import { migration010 } from './010-sync-runs.js';
import { migration011 } from './011-audience-mirror.js';
import { migration020 } from './020-run-reports.js';
import { migration050 } from './050-field-behaviour.js';
import { migration060 } from './060-schedule.js';
import { migration061 } from './061-one-running-run.js';
import { migration062 } from './062-watched-files.js';
import { migration063 } from './063-report-send-claim.js';
import { migration070 } from './070-run-item-view.js';
import { migration071 } from './071-representatives-json.js';
import { migration072 } from './072-mirror-rowid-tables.js';
import { migration073 } from './073-one-member-table.js';
import { migration074 } from './074-no-client-email-index.js';
import { migration075 } from './075-run-item-kinds.js';
import { migration076 } from './076-client-id-ranges.js';
import { migration077 } from './077-slim-client-rows.js';

export type Migration = { version: number; name: string; sql: string };

/** All migrations in order. Append only. */
export const migrations: Migration[] = [migration001, migration002, migration003, migration010, migration011, migration020, migration050, migration060, migration061, migration062, migration063, migration070, migration071, migration072, migration073, migration074, migration075, migration076, migration077];

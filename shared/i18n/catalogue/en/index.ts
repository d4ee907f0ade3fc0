import type { Catalogue } from '../bg/index.js';
import { cli } from './cli.js';
import { error, errorPart } from './errors.js';
import { runReport } from './report.js';
import { runWords } from './run-words.js';
import { shell } from './shell.js';
import { uiImport } from './ui-import.js';
import { uiRuns } from './ui-runs.js';
import { uiSetup } from './ui-setup.js';
import { uiUnattended } from './ui-unattended.js';

/** The English catalogue: the same keys as the Bulgarian one (enforced by the type). */
export const en: Catalogue = { ...uiSetup, ...uiImport, ...uiRuns, ...uiUnattended, ...runWords, error, errorPart, runReport, shell, cli };

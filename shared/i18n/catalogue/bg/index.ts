import { cli } from './cli.js';
import { error, errorPart } from './errors.js';
import { runReport } from './report.js';
import { runWords } from './run-words.js';
import { shell } from './shell.js';
import { uiImport } from './ui-import.js';
import { uiRuns } from './ui-runs.js';
import { uiSetup } from './ui-setup.js';
import { uiUnattended } from './ui-unattended.js';

/**
 * The Bulgarian catalogue, the default language. Its shape is the `Catalogue` type: the English one must
 * have exactly the same keys. The screens' keys sit at the top level (i18next reads this object as is);
 * the other areas have their own top-level key (`error`, `runReport`, `shell`, `cli`).
 */
export const bg = { ...uiSetup, ...uiImport, ...uiRuns, ...uiUnattended, ...runWords, error, errorPart, runReport, shell, cli };

export type Catalogue = typeof bg;

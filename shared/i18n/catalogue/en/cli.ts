import type { Cli } from '../bg/cli.js';

/** English words only the command-line tool says. */
export const cli: Cli = {
  runTitle: 'Sync run #{{id}}',
  requests: 'requests',
  more: '… {{n}} more',
  importTitle: 'Import #{{id}}: {{file}}',
  alreadyImported: '(this file was imported before; the earlier import is used)',
  rows: 'Rows',
  total: 'Total',
  demoSimulator: 'Mailchimp simulator: {{url}} ({{account}}), audience {{listId}}',
  demoImport_one: 'Import: {{file}} — {{count}} client ({{encoding}})',
  demoImport_other: 'Import: {{file}} — {{count}} clients ({{encoding}})',
};

/**
 * Bulgarian words only the command-line tool says. Outcomes, statuses, import labels and the rest come
 * from the screens' and the run's keys, so the CLI reads like the app.
 */
export const cli = {
  runTitle: 'Синхронизация #{{id}}',
  requests: 'заявки',
  more: '… още {{n}}',
  importTitle: 'Импорт № {{id}}: {{file}}',
  alreadyImported: '(този файл вече е импортиран; ползва се предишният импорт)',
  rows: 'Редове',
  total: 'Общо',
  demoSimulator: 'Симулатор на Mailchimp: {{url}} ({{account}}), аудитория {{listId}}',
  demoImport_one: 'Импорт: {{file}} — {{count}} клиент ({{encoding}})',
  demoImport_other: 'Импорт: {{file}} — {{count}} клиента ({{encoding}})',
};

export type Cli = typeof cli;

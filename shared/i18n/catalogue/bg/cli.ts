/**
 * Bulgarian words only the command-line tool says. Outcomes, statuses, import labels and the rest come
 * from the screens' and the run's keys, so the CLI reads like the app.
 */
export const cli = {
  runTitle: 'Синхронизация #{{id}}',
  requests: 'заявки',
  more: '… още {{n}}',
  importTitle: 'Импорт №{{id}}: {{file}}',
  alreadyImported: '(този файл вече е импортиран; ползва се предишният импорт)',
  rows: 'Редове',
  total: 'Общо',
  demoSimulator: 'Симулатор на Mailchimp: {{url}} ({{account}}), аудитория {{listId}}',
  demoImport_one: 'Импорт: {{file}} — {{count}} клиент ({{encoding}})',
  demoImport_other: 'Импорт: {{file}} — {{count}} клиента ({{encoding}})',
  schedule: {
    daily: 'всеки ден в {{time}}',
    weekly: 'всяка седмица ({{day}}) в {{time}}',
    summary: '$t(unattended.tab): {{when}}; следваща {{next}}.',
    off: '$t(unattended.tab): изключена.',
  },
  watch: {
    watching: 'Наблюдавам {{dir}} (Ctrl-C спира)',
    imported: 'импортиран и синхронизиран',
    unchanged: 'вече импортиран, пропуснат',
    failed: 'не е импортиран',
  },
  doctor: {
    database: 'База данни',
    missing: 'няма такъв файл',
    integrity: 'Проверка на целостта (quick_check)',
    ok: 'наред',
    damaged: 'ПОВРЕДЕНА',
    migrations: 'Миграции',
    allApplied: 'всички {{n}} приложени',
    pending: 'предстоят (прилагат се при следващото отваряне)',
    unknown: 'от по-нова версия на програмата',
    secrets: 'Тайни',
    secret: { readable: 'четима', unreadable: 'НЕЧЕТИМА', not_set: 'не е зададена', unknown: 'неизвестно' },
    backups: 'Резервни копия',
    none: 'няма',
    restored: 'Възстановено от',
    damagedCopy: 'Предишният файл е запазен като',
    fine: 'Не са открити проблеми.',
    found: 'Открити проблеми: {{n}}.',
    restoreHint: 'Възстановяване на последното резервно копие: barsy-sync doctor --restore',
  },
};

export type Cli = typeof cli;

/**
 * Bulgarian words for a run and its clients, shared by the screens, the report, the CLI and the
 * notifications: each idea (an outcome, a status, a reason) is worded here once and only here.
 * Its shape is the type the English file must match.
 */
export const runWords = {
  /** Headings and counts: "Добавени: 12". The report and the CLI use these too. */
  outcome: { created: 'Добавени', updated: 'Обновени', unchanged: 'Без промяна', skipped: 'Пропуснати', keptStatus: 'Запазен статус', failed: 'Неуспешни' },
  outcomePlanned: {
    created: 'Ще бъдат добавени',
    updated: 'Ще бъдат обновени',
    unchanged: '$t(outcome.unchanged)',
    skipped: 'Ще бъдат пропуснати',
    keptStatus: 'Запазват статуса си',
    failed: 'С грешка',
  },
  /** One client's outcome (a table cell; lower-cased in the report's CSV). */
  outcomeItem: {
    created: 'Добавен',
    updated: 'Обновен',
    unchanged: '$t(outcome.unchanged)',
    skipped: 'Пропуснат',
    keptStatus: '$t(outcome.keptStatus)',
    failed: 'Неуспешен',
    none: 'Без резултат',
  },
  outcomeItemPlanned: { created: 'Ще се добави', updated: 'Ще се обнови', unchanged: '$t(outcome.unchanged)', skipped: 'Ще се пропусне', keptStatus: 'Запазва статуса', failed: 'Грешка' },
  detail: {
    kept: 'в Mailchimp е „{{status}}“ — не се променя',
    shortened: 'съкратено до 255 байта: {{tags}}',
    removal: { unsubscribed: 'отписан по избраната политика', archived: 'архивиран по избраната политика' },
  },
  memberStatus: {
    subscribed: 'абониран',
    unsubscribed: 'отписан',
    cleaned: 'изчистен (писмата не се доставят)',
    pending: 'чака потвърждение',
    transactional: 'транзакционен',
    archived: 'архивиран',
  },
  runStatus: { running: 'Тече', completed: 'Завършена', cancelled: 'Спряна', interrupted: 'Прекъсната', failed: 'Неуспешна' },
  phase: {
    preflight: 'Проверка на настройките в Mailchimp',
    reading: 'Четене на аудиторията от Mailchimp',
    planning: 'Сравняване и планиране',
    pushing: 'Изпращане към Mailchimp',
    removing: 'Клиенти, които вече не отговарят на условията',
    finishing: 'Завършване и отчет',
    done: 'Готово',
  },
  emailStatus: { not_sent: 'Не е изпратен', sent: 'Изпратен', failed: 'Грешка при изпращане', not_required: 'Не се изпраща' },
  /** Why a client is not synced (Barsy 8.5.2's four rules, plus duplicates). */
  reason: {
    group_not_mapped: 'групата не е свързана с Mailchimp',
    not_subscribed: 'няма Maillist абонамент',
    no_email: 'няма имейл',
    invalid_email: 'невалиден имейл',
    deleted: 'изтрит в Barsy',
    duplicate_email: 'имейлът е на друг клиент',
  },
  importWarning: {
    email_lookalike: 'имейлът съдържа буква на кирилица',
    email_invisible: 'имейлът съдържа невидими знаци',
    email_invalid: '$t(reason.invalid_email)',
    duplicate_email: 'имейлът се повтаря',
    bad_flag: 'неразпозната стойност за Да/Не',
    extra_cells: 'повече клетки от заглавията',
    missing_cells: 'по-малко клетки от заглавията',
  },
  /** "клиенти" inside a sentence or a sum ("клиенти = добавени + …"). */
  /** What a dry run promises, said by the report and the CLI. */
  nothingSent: 'нищо не е изпратено към Mailchimp',
  clientsWord: 'клиенти',
  unit: { ms: 'мс', s: 'с', min: 'мин', h: 'ч', bytes: 'Б', kb: 'КБ', mb: 'МБ' },
};

export type RunWords = typeof runWords;

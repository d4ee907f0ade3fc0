/**
 * Bulgarian words of the run report (email, export, CSV) that no other place says. Outcomes, statuses,
 * reasons, column names shared with the screens come from `run-words.ts` and the screens' files.
 */
export const runReport = {
  product: 'Barsy → Mailchimp',
  title: 'Отчет за синхронизация № {{id}}',
  dryRunTitle: '{{dryRun}} № {{id}} ($t(nothingSent))',
  subject_one: '{{kind}} с Mailchimp „{{audience}}“: {{clients}} клиент — нови {{created}}, обновени {{updated}}, неуспешни {{failed}}',
  subject_other: '{{kind}} с Mailchimp „{{audience}}“: {{clients}} клиента — нови {{created}}, обновени {{updated}}, неуспешни {{failed}}',
  allGood: 'Всичко е наред: няма неуспешни контакти.',
  needsAttention_one: '{{n}} контакт не беше синхронизиран — вижте „{{failed}}“ по-долу.',
  needsAttention_other: '{{n}} контакта не бяха синхронизирани — вижте „{{failed}}“ по-долу.',
  notFinished_one: 'Синхронизацията не завърши ({{status}}); {{n}} клиент още няма резултат.',
  notFinished_other: 'Синхронизацията не завърши ({{status}}); {{n}} клиента още нямат резултат.',
  check: 'Проверка',
  facts: { file: 'Файл от Barsy', importedAt: 'Импортиран на', kind: 'Вид' },
  columns: { name: 'Клиент', result: '$t(table.outcome)', details: 'Причина / подробности', removal: 'Премахване' },
  section: {
    failedHint: 'Mailchimp отказа тези контакти. На всеки ред е причината и какво да направите; останалите клиенти са синхронизирани нормално.',
    skippedHint: {
      no_email: 'Добавете имейл на клиента в Barsy, ако искате да бъде синхронизиран.',
      invalid_email: 'Поправете адреса в Barsy (чести грешки: интервал, липсваща точка, буква на кирилица).',
      not_subscribed: 'Клиентът не е отбелязан за Maillist в Barsy. Отбележете го само ако е дал съгласие.',
      deleted: 'Клиентът е изтрит в Barsy — не е нужно действие.',
      group_not_mapped: 'Групата на клиента не е свързана с група в Mailchimp. Свържете я в „Групи“, ако искате да се синхронизира.',
      duplicate_email: 'Друг клиент има същия имейл. В Mailchimp това е един контакт и се синхронизира веднъж.',
    },
    keptHint: {
      unsubscribed: 'Тези клиенти сами са се отписали. Програмата никога не ги абонира отново — само те могат да го направят.',
      cleaned: 'Mailchimp е спрял тези адреси, защото писмата до тях не се доставят. Проверете адресите в Barsy.',
      pending: 'Клиентите още не са потвърдили абонамента от писмото, което Mailchimp им е изпратил.',
      other: 'Статусът им в Mailchimp е оставен без промяна.',
    },
    shortened: 'Съкратени стойности',
    shortenedHint: 'Mailchimp приема до 255 байта в текстово поле (около 127 букви на кирилица). Тези стойности са изпратени съкратени.',
    removals: 'Премахнати от аудиторията',
    removalsHint: 'Клиенти, които вече не отговарят на условията, са обработени според избраната политика.',
    created: 'Добавени в аудиторията',
    updated: 'Обновени в аудиторията',
  },
  shortenedValue: '{{tag}}: {{bytes}} байта → „{{sent}}“',
  moreEmail: '…и още {{n}} — вижте прикачения CSV файл.',
  moreExport: '…и още {{n}} — вижте пълния списък в CSV файла.',
  attachmentNote: 'Пълният списък с всички клиенти и резултата за всеки е в прикачения файл {{file}} (отваря се с Excel).',
  exportNote: 'Пълният списък с всички клиенти е в CSV отчета.',
  footer: 'Изпратено автоматично от Barsy Mailchimp Sync {{version}}.',
  noEmail: '(без имейл)',
  testSubject: 'Тестов имейл от Barsy → Mailchimp',
  testBody: 'Настройките за поща работят: отчетите след всяка синхронизация ще пристигат на този адрес.',
};

export type RunReport = typeof runReport;

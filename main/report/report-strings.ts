import type { EligibilityReason } from '../../shared/domain/client.js';
import type { MemberStatus, Outcome, RunStatus, SyncCounts } from '../../shared/domain/sync.js';
import type { Language } from '../../shared/i18n/messages.js';

type Counted = Exclude<keyof SyncCounts, 'clients' | 'eligible'>;

/** Every fixed text of the report, in Bulgarian and English. Client data never goes through here. */
export type ReportStrings = {
  locale: string;
  product: string;
  title: (runId: number) => string;
  dryRunTitle: (runId: number) => string;
  subject: (p: { audience: string; clients: string; one: boolean; created: string; updated: string; failed: string; dryRun: boolean }) => string;
  allGood: string;
  needsAttention: (n: string, one: boolean) => string;
  notFinished: (status: RunStatus, n: string, one: boolean) => string;
  count: Record<Counted | 'clients' | 'eligible', string>;
  check: string;
  equation: string;
  facts: {
    audience: string;
    file: string;
    importedAt: string;
    startedAt: string;
    duration: string;
    requests: string;
    kind: string;
    real: string;
    dryRun: string;
  };
  outcome: Record<Outcome | 'none', string>;
  memberStatus: Record<MemberStatus, string>;
  removal: Record<'unsubscribed' | 'archived', string>;
  columns: { line: string; name: string; email: string; group: string; result: string; details: string; shortened: string; removal: string };
  section: {
    failed: string;
    failedHint: string;
    skipped: (reason: string) => string;
    skippedHint: Record<EligibilityReason, string>;
    kept: (status: string) => string;
    keptHint: Partial<Record<MemberStatus, string>> & { other: string };
    shortened: string;
    shortenedHint: string;
    removals: string;
    removalsHint: string;
    created: string;
    updated: string;
  };
  shortenedValue: (tag: string, bytes: number, sent: string) => string;
  more: (n: string, where: 'email' | 'export') => string;
  attachmentNote: (file: string) => string;
  exportNote: string;
  footer: (version: string) => string;
  noEmail: string;
  duration: { ms: string; s: string; min: string; h: string };
  testSubject: string;
  testBody: string;
};

const bgRunStatus: Record<RunStatus, string> = {
  running: 'тече',
  completed: 'завършена',
  failed: 'неуспешна',
  cancelled: 'спряна',
  interrupted: 'прекъсната',
};

const bg: ReportStrings = {
  locale: 'bg-BG',
  product: 'Barsy → Mailchimp',
  title: (id) => `Отчет за синхронизация № ${id}`,
  dryRunTitle: (id) => `Преглед без запис № ${id} (нищо не е изпратено към Mailchimp)`,
  subject: (p) =>
    `${p.dryRun ? 'Преглед без запис' : 'Синхронизация'} с Mailchimp „${p.audience}“: ${p.clients} ${p.one ? 'клиент' : 'клиента'} — нови ${p.created}, обновени ${p.updated}, неуспешни ${p.failed}`,
  allGood: 'Всичко е наред: няма неуспешни контакти.',
  needsAttention: (n, one) =>
    one ? `${n} контакт не беше синхронизиран — вижте „Неуспешни“ по-долу.` : `${n} контакта не бяха синхронизирани — вижте „Неуспешни“ по-долу.`,
  notFinished: (status, n, one) =>
    `Синхронизацията не завърши (${bgRunStatus[status]}); ${n} ${one ? 'клиент още няма' : 'клиента още нямат'} резултат.`,
  count: {
    clients: 'Клиенти във файла',
    eligible: 'Годни за синхронизация',
    created: 'Нови',
    updated: 'Обновени',
    unchanged: 'Без промяна',
    skipped: 'Пропуснати',
    keptStatus: 'Запазен статус',
    failed: 'Неуспешни',
  },
  check: 'Проверка',
  equation: 'клиенти = нови + обновени + без промяна + пропуснати + запазен статус + неуспешни',
  facts: {
    audience: 'Аудитория',
    file: 'Файл от Barsy',
    importedAt: 'Импортиран на',
    startedAt: 'Начало',
    duration: 'Продължителност',
    requests: 'Заявки към Mailchimp',
    kind: 'Вид',
    real: 'синхронизация',
    dryRun: 'преглед без запис',
  },
  outcome: {
    created: 'добавен',
    updated: 'обновен',
    unchanged: 'без промяна',
    skipped: 'пропуснат',
    keptStatus: 'запазен статус',
    failed: 'неуспешен',
    none: 'без резултат',
  },
  memberStatus: {
    subscribed: 'абониран',
    unsubscribed: 'отписан',
    cleaned: 'изчистен (писмата не се доставят)',
    pending: 'чака потвърждение',
    transactional: 'транзакционен',
    archived: 'архивиран',
  },
  removal: { unsubscribed: 'отписан по избраната политика', archived: 'архивиран по избраната политика' },
  columns: {
    line: 'Ред',
    name: 'Клиент',
    email: 'Имейл',
    group: 'Група',
    result: 'Резултат',
    details: 'Причина / подробности',
    shortened: 'Съкратени стойности',
    removal: 'Премахване',
  },
  section: {
    failed: 'Неуспешни',
    failedHint: 'Mailchimp отказа тези контакти. На всеки ред е причината и какво да направите; останалите клиенти са синхронизирани нормално.',
    skipped: (reason) => `Пропуснати: ${reason}`,
    skippedHint: {
      no_email: 'Добавете имейл на клиента в Barsy, ако искате да бъде синхронизиран.',
      invalid_email: 'Поправете адреса в Barsy (чести грешки: интервал, липсваща точка, буква на кирилица).',
      not_subscribed: 'Клиентът не е отбелязан за Maillist в Barsy. Отбележете го само ако е дал съгласие.',
      deleted: 'Клиентът е изтрит в Barsy — не е нужно действие.',
      group_not_mapped: 'Групата на клиента не е свързана с група в Mailchimp. Свържете я в „Групи“, ако искате да се синхронизира.',
      duplicate_email: 'Друг клиент има същия имейл. В Mailchimp това е един контакт и се синхронизира веднъж.',
    },
    kept: (status) => `Запазен статус: ${status}`,
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
  shortenedValue: (tag, bytes, sent) => `${tag}: ${bytes} байта → „${sent}“`,
  more: (n, where) => `…и още ${n} — ${where === 'email' ? 'вижте прикачения CSV файл' : 'вижте пълния списък в CSV файла'}.`,
  attachmentNote: (file) => `Пълният списък с всички клиенти и резултата за всеки е в прикачения файл ${file} (отваря се с Excel).`,
  exportNote: 'Пълният списък с всички клиенти е в CSV отчета.',
  footer: (v) => `Изпратено автоматично от Barsy Mailchimp Sync ${v}.`,
  noEmail: '(без имейл)',
  duration: { ms: 'мс', s: 'с', min: 'мин', h: 'ч' },
  testSubject: 'Тестов имейл от Barsy → Mailchimp',
  testBody: 'Настройките за поща работят: отчетите след всяка синхронизация ще пристигат на този адрес.',
};

const en: ReportStrings = {
  locale: 'en-GB',
  product: 'Barsy → Mailchimp',
  title: (id) => `Sync report no. ${id}`,
  dryRunTitle: (id) => `Dry run no. ${id} (nothing was sent to Mailchimp)`,
  subject: (p) =>
    `${p.dryRun ? 'Dry run' : 'Sync'} with Mailchimp "${p.audience}": ${p.clients} ${p.one ? 'client' : 'clients'} — ${p.created} added, ${p.updated} updated, ${p.failed} failed`,
  allGood: 'All good: no contact failed.',
  needsAttention: (n, one) => `${n} ${one ? 'contact was' : 'contacts were'} not synced — see "Failed" below.`,
  notFinished: (status, n, one) => `The sync did not finish (${status}); ${n} ${one ? 'client has' : 'clients have'} no result yet.`,
  count: {
    clients: 'Clients in the file',
    eligible: 'Eligible for sync',
    created: 'Added',
    updated: 'Updated',
    unchanged: 'Unchanged',
    skipped: 'Skipped',
    keptStatus: 'Status kept',
    failed: 'Failed',
  },
  check: 'Check',
  equation: 'clients = added + updated + unchanged + skipped + status kept + failed',
  facts: {
    audience: 'Audience',
    file: 'Barsy file',
    importedAt: 'Imported at',
    startedAt: 'Started',
    duration: 'Duration',
    requests: 'Requests to Mailchimp',
    kind: 'Kind',
    real: 'sync',
    dryRun: 'dry run',
  },
  outcome: {
    created: 'added',
    updated: 'updated',
    unchanged: 'unchanged',
    skipped: 'skipped',
    keptStatus: 'status kept',
    failed: 'failed',
    none: 'no result',
  },
  memberStatus: {
    subscribed: 'subscribed',
    unsubscribed: 'unsubscribed',
    cleaned: 'cleaned (mail bounces)',
    pending: 'confirmation pending',
    transactional: 'transactional',
    archived: 'archived',
  },
  removal: { unsubscribed: 'unsubscribed by the chosen policy', archived: 'archived by the chosen policy' },
  columns: {
    line: 'Line',
    name: 'Client',
    email: 'Email',
    group: 'Group',
    result: 'Result',
    details: 'Reason / details',
    shortened: 'Shortened values',
    removal: 'Removal',
  },
  section: {
    failed: 'Failed',
    failedHint: 'Mailchimp refused these contacts. Each line says why and what to do; every other client was synced normally.',
    skipped: (reason) => `Skipped: ${reason}`,
    skippedHint: {
      no_email: 'Add the client\u2019s email in Barsy if they should be synced.',
      invalid_email: 'Fix the address in Barsy (common mistakes: a space, a missing dot, a Cyrillic letter).',
      not_subscribed: 'The client is not ticked for Maillist in Barsy. Tick it only if they agreed.',
      deleted: 'The client is deleted in Barsy — nothing to do.',
      group_not_mapped: 'The client\u2019s group is not mapped to a Mailchimp group. Map it under "Groups" to sync it.',
      duplicate_email: 'Another client has the same email. In Mailchimp that is one contact, synced once.',
    },
    kept: (status) => `Status kept: ${status}`,
    keptHint: {
      unsubscribed: 'These clients unsubscribed themselves. The app never re-subscribes them — only they can sign up again.',
      cleaned: 'Mailchimp stopped these addresses because mail to them bounces. Check the addresses in Barsy.',
      pending: 'These clients have not yet confirmed from the email Mailchimp sent them.',
      other: 'Their status in Mailchimp was left as it is.',
    },
    shortened: 'Shortened values',
    shortenedHint: 'Mailchimp takes up to 255 bytes in a text field (about 127 Cyrillic letters). These values were sent shortened.',
    removals: 'Removed from the audience',
    removalsHint: 'Clients who are no longer eligible were handled by the chosen policy.',
    created: 'Added to the audience',
    updated: 'Updated in the audience',
  },
  shortenedValue: (tag, bytes, sent) => `${tag}: ${bytes} bytes → "${sent}"`,
  more: (n, where) => `…and ${n} more — ${where === 'email' ? 'see the attached CSV file' : 'see the full list in the CSV file'}.`,
  attachmentNote: (file) => `The full list of every client and their result is in the attached file ${file} (opens in Excel).`,
  exportNote: 'The full list of every client is in the CSV report.',
  footer: (v) => `Sent automatically by Barsy Mailchimp Sync ${v}.`,
  noEmail: '(no email)',
  duration: { ms: 'ms', s: 's', min: 'min', h: 'h' },
  testSubject: 'Test email from Barsy → Mailchimp',
  testBody: 'The mail settings work: the report of every sync will arrive at this address.',
};

/** The report's texts in a language. */
export function reportStrings(lang: Language): ReportStrings {
  return lang === 'en' ? en : bg;
}

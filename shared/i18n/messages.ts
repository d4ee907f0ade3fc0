import type { AppError, ErrorCode } from '../domain/app-error.js';
import type { EligibilityReason } from '../domain/client.js';
import type { ImportWarning } from '../domain/import.js';

export type Language = 'bg' | 'en';

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

/**
 * What each error says to the user and what to do about it, in Bulgarian and English. Typed as a full
 * record, so a new error code without a message fails type-checking.
 */
const errorMessages: Record<ErrorCode, Record<Language, Template>> = {
  file_not_found: {
    bg: (p) => `Файлът „${p.file}“ не е намерен. Проверете пътя и опитайте отново.`,
    en: (p) => `File "${p.file}" was not found. Check the path and try again.`,
  },
  file_unreadable: {
    bg: (p) => `Файлът „${p.file}“ не може да бъде прочетен (${p.reason}). Затворете го в Excel и опитайте отново.`,
    en: (p) => `File "${p.file}" cannot be read (${p.reason}). Close it in Excel and try again.`,
  },
  file_empty: {
    bg: (p) => `Файлът „${p.file}“ е празен. Експортирайте клиентите от Barsy отново.`,
    en: (p) => `File "${p.file}" is empty. Export the clients from Barsy again.`,
  },
  file_binary: {
    bg: (p) => `„${p.file}“ не е CSV файл (съдържа двоични данни). Изберете CSV файла, експортиран от Barsy.`,
    en: (p) => `"${p.file}" is not a CSV file (it contains binary data). Choose the CSV file exported from Barsy.`,
  },
  file_header_only: {
    bg: (p) => `Файлът „${p.file}“ съдържа само заглавен ред и нито един клиент.`,
    en: (p) => `File "${p.file}" has only a header row and no clients.`,
  },
  encoding_invalid: {
    bg: (p) => `Текстът на файла не е в кодировка ${p.encoding} (ред ${p.line}). Изберете „Автоматично“ или друга кодировка.`,
    en: (p) => `The file's text is not in the ${p.encoding} encoding (line ${p.line}). Choose "Automatic" or another encoding.`,
  },
  csv_unbalanced_quote: {
    bg: (p) => `Ред ${p.line}: кавичките не са затворени. Поправете реда в Excel или експортирайте файла отново.`,
    en: (p) => `Line ${p.line}: a quote is never closed. Fix the line in Excel or export the file again.`,
  },
  csv_duplicate_header: {
    bg: (p) => `Колоната „${p.header}“ се среща два пъти в заглавния ред. Преименувайте или изтрийте едната.`,
    en: (p) => `Column "${p.header}" appears twice in the header row. Rename or delete one of them.`,
  },
  csv_no_email_column: {
    bg: (p) => `Не е намерена колона с имейл (търсени: Email, E-mail, Имейл). Колони във файла: ${p.headers}. Посочете коя колона е имейлът.`,
    en: (p) => `No email column was found (looked for Email, E-mail, Имейл). Columns in the file: ${p.headers}. Say which column holds the email.`,
  },
  csv_row_too_long: {
    bg: (p) => `Ред ${p.line} е прекалено дълъг (${p.size}). Вероятно разделителят или кавичките са грешни.`,
    en: (p) => `Line ${p.line} is too long (${p.size}). The delimiter or the quotes are probably wrong.`,
  },
  csv_bad_row: {
    bg: (p) => `Ред ${p.line}: ${p.reason}.`,
    en: (p) => `Line ${p.line}: ${p.reason}.`,
  },
  csv_too_many_cells: {
    bg: (p) => `Ред ${p.line} има ${p.cells} клетки, а заглавният ред — ${p.expected}. Вероятно стойност съдържа „${p.delimiter}“ без кавички; поправете реда или експортирайте файла отново.`,
    en: (p) => `Line ${p.line} has ${p.cells} cells but the header row has ${p.expected}. A value probably contains "${p.delimiter}" without quotes; fix the line or export the file again.`,
  },
  representatives_unknown_client: {
    bg: (p) => `Ред ${p.line} на файла с представители сочи клиент „${p.client}“, който го няма във файла с клиенти.`,
    en: (p) => `Line ${p.line} of the representatives file names client "${p.client}", who is not in the clients file.`,
  },
  representatives_bad_format: {
    bg: (p) => `Файлът с представители не е в познат формат (${p.reason}). Вижте README за приетите формати.`,
    en: (p) => `The representatives file is not in a known format (${p.reason}). See the README for the accepted formats.`,
  },
  setting_unknown: {
    bg: (p) => `Непозната настройка „${p.key}“.`,
    en: (p) => `Unknown setting "${p.key}".`,
  },
  setting_invalid: {
    bg: (p) => `Невалидна стойност за „${p.key}“: ${p.reason}.`,
    en: (p) => `Invalid value for "${p.key}": ${p.reason}.`,
  },
  secret_unavailable: {
    bg: () =>
      `Запазените пароли не могат да бъдат разчетени тук (напр. при планирана синхронизация от командния ред, която няма достъп до системното хранилище за пароли). Включете „Разреши планирани синхронизации“ в настройките на програмата или задайте ключа с „barsy-sync settings set“. Иначе въведете API ключа и SMTP паролата отново.`,
    en: () =>
      `Saved secrets cannot be decrypted here (e.g. a scheduled sync from the command line, which cannot reach the system password store). Turn on "Allow scheduled syncs" in the app's settings, or set the key with "barsy-sync settings set". Otherwise enter the API key and SMTP password again.`,
  },
  mailchimp_not_configured: {
    bg: () => `Mailchimp не е свързан. Въведете API ключ и изберете аудитория в настройките.`,
    en: () => `Mailchimp is not connected. Enter an API key and choose an audience in the settings.`,
  },
  mailchimp_auth: {
    bg: () => `Mailchimp отказа API ключа. Копирайте ключа отново от Mailchimp > Profile > Extras > API keys.`,
    en: () => `Mailchimp refused the API key. Copy the key again from Mailchimp > Profile > Extras > API keys.`,
  },
  mailchimp_not_found: {
    bg: (p) => `Mailchimp не намира ${p.what ?? 'ресурса'}. Може да е изтрит — изберете отново в настройките.`,
    en: (p) => `Mailchimp cannot find ${p.what ?? 'the resource'}. It may have been deleted — choose again in the settings.`,
  },
  mailchimp_compliance_state: {
    bg: () => `Контактът се е отписал или е изчистен в Mailchimp и не може да бъде абониран отново от програмата.`,
    en: () => `The contact unsubscribed or was cleaned in Mailchimp and cannot be re-subscribed by this app.`,
  },
  mailchimp_forgotten_email: {
    bg: () => `Адресът е изтрит завинаги в Mailchimp и не може да бъде добавен отново. Контактът трябва сам да се абонира чрез формата.`,
    en: () => `The address was permanently deleted in Mailchimp and cannot be re-added. The contact must sign up again through the form.`,
  },
  mailchimp_invalid_email: {
    bg: (p) => `Mailchimp не приема имейла${p.detail ? ` (${p.detail})` : ''}. Поправете адреса в Barsy.`,
    en: (p) => `Mailchimp does not accept the email${p.detail ? ` (${p.detail})` : ''}. Fix the address in Barsy.`,
  },
  mailchimp_invalid_merge_fields: {
    bg: (p) => `Mailchimp не приема полетата: ${p.detail}. Проверете съответствието на полетата.`,
    en: (p) => `Mailchimp does not accept the fields: ${p.detail}. Check the field mapping.`,
  },
  mailchimp_invalid_interest: {
    bg: (p) => `Групата в Mailchimp вече не съществува (${p.detail}). Изберете група отново в съответствието на групите.`,
    en: (p) => `The Mailchimp group no longer exists (${p.detail}). Choose a group again in the group mapping.`,
  },
  mailchimp_rate_limit: {
    bg: () => `Mailchimp временно ограничи заявките. Опитайте отново след няколко минути.`,
    en: () => `Mailchimp is limiting requests for now. Try again in a few minutes.`,
  },
  mailchimp_server: {
    bg: (p) => `Mailchimp има временен проблем (${p.status}). Опитайте отново по-късно; нищо не е загубено.`,
    en: (p) => `Mailchimp has a temporary problem (${p.status}). Try again later; nothing was lost.`,
  },
  mailchimp_network: {
    bg: (p) => `Няма връзка с Mailchimp (${p.detail}). Проверете интернет връзката и опитайте отново.`,
    en: (p) => `Cannot reach Mailchimp (${p.detail}). Check the internet connection and try again.`,
  },
  mailchimp_bad_request: {
    bg: (p) => `Mailchimp отказа заявката: ${p.detail}`,
    en: (p) => `Mailchimp refused the request: ${p.detail}`,
  },
  mailchimp_bad_response: {
    bg: () => `Mailchimp върна неочакван отговор. Опитайте отново; ако се повтаря, изпратете дневника на поддръжката.`,
    en: () => `Mailchimp returned an unexpected answer. Try again; if it happens again, send the log to support.`,
  },
  mapping_unknown_group: {
    bg: (p) => `Няма клиентска група „${p.group}“ в последния импорт.`,
    en: (p) => `There is no client group "${p.group}" in the latest import.`,
  },
  mapping_unknown_source: {
    bg: (p) => `Няма поле „${p.source}“ в последния импорт.`,
    en: (p) => `There is no field "${p.source}" in the latest import.`,
  },
  mapping_unknown_interest: {
    bg: (p) => `Групата с ID „${p.interestId}“ не съществува в аудиторията.`,
    en: (p) => `No group with ID "${p.interestId}" exists in the audience.`,
  },
  mapping_unknown_tag: {
    bg: (p) => `Полето „${p.tag}“ не съществува в аудиторията. Създайте го или изберете друго.`,
    en: (p) => `Field "${p.tag}" does not exist in the audience. Create it or choose another.`,
  },
  mapping_tag_not_text: {
    bg: (p) => `Полето „${p.tag}“ е от тип ${p.type}; Barsy изисква полета от тип TEXT. Изберете текстово поле или създайте ново.`,
    en: (p) => `Field "${p.tag}" is of type ${p.type}; Barsy requires TEXT fields. Choose a text field or create a new one.`,
  },
  mapping_tag_invalid: {
    bg: (p) => `„${p.tag}“ не е валиден етикет: до 10 знака от A-Z, 0-9 и _.`,
    en: (p) => `"${p.tag}" is not a valid tag: up to 10 characters of A-Z, 0-9 and _.`,
  },
  mapping_required_unmapped: {
    bg: (p) => `Полето „${p.tag}“ (${p.name}) е задължително в аудиторията, но никое поле от Barsy не е свързано с него. Свържете поле или направете полето незадължително в Mailchimp.`,
    en: (p) => `Field "${p.tag}" (${p.name}) is required in the audience, but no Barsy field is mapped to it. Map a field or make it optional in Mailchimp.`,
  },
  preflight_failed: {
    bg: (p) => `Синхронизацията не започна: ${p.detail}`,
    en: (p) => `The sync did not start: ${p.detail}`,
  },
  no_import: {
    bg: () => `Още няма импортиран файл с клиенти. Импортирайте CSV файла от Barsy.`,
    en: () => `No client file has been imported yet. Import the CSV file from Barsy.`,
  },
  report_email_missing: {
    bg: () => `Въведете имейл за отчета (задължително, както в Barsy) преди синхронизация.`,
    en: () => `Enter a report email address (mandatory, as in Barsy) before syncing.`,
  },
  run_not_found: {
    bg: (p) => `Няма синхронизация с номер ${p.runId}.`,
    en: (p) => `There is no sync run number ${p.runId}.`,
  },
  run_already_running: {
    bg: (p) => `Синхронизация № ${p.runId} вече тече. Изчакайте я или я спрете.`,
    en: (p) => `Sync run ${p.runId} is already running. Wait for it or cancel it.`,
  },
  run_not_resumable: {
    bg: (p) => `Синхронизация № ${p.runId} не може да бъде продължена (${p.status}). Стартирайте нова синхронизация.`,
    en: (p) => `Sync run ${p.runId} cannot be resumed (${p.status}). Start a new sync.`,
  },
  sync_cancelled: {
    bg: (p) => `Синхронизация № ${p.runId} беше спряна. Пуснете синхронизацията отново — тя продължава оттам, докъдето е стигнала.`,
    en: (p) => `Sync run ${p.runId} was stopped. Run the sync again — it continues where it stopped.`,
  },
  smtp_auth: {
    bg: () => `Пощенският сървър отказа потребителя или паролата. Проверете ги (за Gmail — парола за приложения).`,
    en: () => `The mail server refused the user name or password. Check them (for Gmail, use an app password).`,
  },
  smtp_connection: {
    bg: (p) => `Няма връзка с пощенския сървър ${p.host}:${p.port}. Проверете адреса и порта.`,
    en: (p) => `Cannot connect to the mail server ${p.host}:${p.port}. Check the host and port.`,
  },
  smtp_tls: {
    bg: () => `Грешка в защитената връзка (TLS). Сменете настройката „SSL/TLS“ или порта (465 със SSL, 587 без).`,
    en: () => `Secure connection (TLS) failed. Change the "SSL/TLS" setting or the port (465 with SSL, 587 without).`,
  },
  smtp_not_configured: {
    bg: () => `Пощата за отчета не е настроена. Въведете SMTP настройките.`,
    en: () => `Mail for the report is not set up. Enter the SMTP settings.`,
  },
  smtp_failed: {
    bg: (p) => `Имейлът не беше изпратен: ${p.detail}. Отчетът е запазен и може да бъде изпратен отново.`,
    en: (p) => `The email was not sent: ${p.detail}. The report is saved and can be sent again.`,
  },
  ipc_unknown_channel: {
    bg: (p) => `Непозната заявка „${p.channel}“.`,
    en: (p) => `Unknown request "${p.channel}".`,
  },
  ipc_invalid_request: {
    bg: (p) => `Невалидна заявка „${p.channel}“: ${p.detail}`,
    en: (p) => `Invalid request "${p.channel}": ${p.detail}`,
  },
  internal: {
    bg: () => `Възникна неочаквана грешка. Опитайте отново; данните ви не са засегнати.`,
    en: () => `An unexpected error occurred. Try again; your data was not affected.`,
  },
};

/** The sentence shown to the user for an error, in their language. */
export function formatError(error: AppError, lang: Language): string {
  const params = { ...error.params };
  if (error.line !== undefined && params.line === undefined) params.line = error.line;
  return errorMessages[error.code][lang](params);
}

const reasonMessages: Record<EligibilityReason, Record<Language, string>> = {
  group_not_mapped: { bg: 'групата не е свързана с Mailchimp', en: 'group not mapped' },
  not_subscribed: { bg: 'няма Maillist абонамент', en: 'not subscribed to the mail list' },
  no_email: { bg: 'няма имейл', en: 'no email' },
  invalid_email: { bg: 'невалиден имейл', en: 'invalid email' },
  deleted: { bg: 'изтрит в Barsy', en: 'deleted in Barsy' },
  duplicate_email: { bg: 'имейлът е на друг клиент', en: 'email shared with another client' },
};

/** Short label for an eligibility reason. */
export function formatReason(reason: EligibilityReason, lang: Language): string {
  return reasonMessages[reason][lang];
}

const warningMessages: Record<ImportWarning['code'], Record<Language, string>> = {
  email_lookalike: { bg: 'кирилска буква в имейла, предложение', en: 'Cyrillic letter in the email, suggestion' },
  email_invalid: { bg: 'невалиден имейл', en: 'invalid email' },
  duplicate_email: { bg: 'имейлът е и на друг клиент', en: 'email shared with another client' },
  bad_flag: { bg: 'неразпозната стойност Да/Не', en: 'unrecognised yes/no value' },
  extra_cells: { bg: 'повече клетки от колоните', en: 'more cells than columns' },
  missing_cells: { bg: 'по-малко клетки от колоните', en: 'fewer cells than columns' },
};

/** Short label for an import warning's code. */
export function formatWarningCode(code: ImportWarning['code'], lang: Language): string {
  return warningMessages[code][lang];
}

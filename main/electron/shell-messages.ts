import type { Language } from '../../shared/i18n/messages.js';

/** The shell's own words (menus, dialogs, notifications) in Bulgarian and English. */
const words = {
  file: { bg: 'Файл', en: 'File' },
  importCsv: { bg: 'Импорт на CSV…', en: 'Import CSV…' },
  openDataFolder: { bg: 'Отвори папката с данни', en: 'Open data folder' },
  openLogsFolder: { bg: 'Отвори папката с журналите', en: 'Open logs folder' },
  quit: { bg: 'Изход', en: 'Quit' },
  edit: { bg: 'Редактиране', en: 'Edit' },
  undo: { bg: 'Отмяна', en: 'Undo' },
  redo: { bg: 'Повторение', en: 'Redo' },
  cut: { bg: 'Изрязване', en: 'Cut' },
  copy: { bg: 'Копиране', en: 'Copy' },
  paste: { bg: 'Поставяне', en: 'Paste' },
  selectAll: { bg: 'Избиране на всичко', en: 'Select all' },
  view: { bg: 'Изглед', en: 'View' },
  zoomIn: { bg: 'Увеличаване', en: 'Zoom in' },
  zoomOut: { bg: 'Намаляване', en: 'Zoom out' },
  resetZoom: { bg: 'Нормален размер', en: 'Actual size' },
  fullScreen: { bg: 'Цял екран', en: 'Full screen' },
  devTools: { bg: 'Инструменти за разработчици', en: 'Developer tools' },
  window: { bg: 'Прозорец', en: 'Window' },
  minimize: { bg: 'Смаляване', en: 'Minimize' },
  close: { bg: 'Затваряне', en: 'Close' },
  help: { bg: 'Помощ', en: 'Help' },
  about: { bg: 'За програмата', en: 'About' },
  hide: { bg: 'Скриване', en: 'Hide' },
  hideOthers: { bg: 'Скриване на другите', en: 'Hide others' },
  showAll: { bg: 'Показване на всички', en: 'Show all' },
  csvFiles: { bg: 'CSV файлове от Barsy', en: 'CSV files from Barsy' },
  chooseCsv: { bg: 'Изберете CSV файла, експортиран от Barsy', en: 'Choose the CSV file exported from Barsy' },
  ok: { bg: 'Добре', en: 'OK' },
  version: { bg: 'Версия', en: 'Version' },
  dataFolder: { bg: 'Папка с данни', en: 'Data folder' },
  secretsKeychain: { bg: 'Тайните са защитени от системния ключодържател.', en: 'Secrets are protected by the system keychain.' },
  secretsFallback: {
    bg: 'Системният ключодържател не е достъпен: тайните са шифровани с ключ във файл в папката с данни.',
    en: 'The system keychain is unavailable: secrets are encrypted with a key file in the data folder.',
  },
  aboutText: {
    bg: 'Синхронизира клиентите, експортирани от Barsy, с аудитория в Mailchimp.',
    en: 'Syncs the clients exported from Barsy into a Mailchimp audience.',
  },
  syncDone: { bg: 'Синхронизацията приключи', en: 'Sync finished' },
  syncDryDone: { bg: 'Пробната синхронизация приключи', en: 'Dry run finished' },
  syncFailed: { bg: 'Синхронизацията не успя', en: 'Sync failed' },
  syncCancelled: { bg: 'Синхронизацията е спряна', en: 'Sync cancelled' },
} as const;

export type ShellWord = keyof typeof words;

/** One word or phrase of the shell in the given language. */
export function t(word: ShellWord, lang: Language): string {
  return words[word][lang];
}

/** The notification body for a finished run: the counts a shop owner cares about. */
export function syncCountsLine(c: { created: number; updated: number; unchanged: number; skipped: number; failed: number }, lang: Language): string {
  return lang === 'bg'
    ? `Нови: ${c.created}, обновени: ${c.updated}, без промяна: ${c.unchanged}, пропуснати: ${c.skipped}, грешки: ${c.failed}`
    : `New: ${c.created}, updated: ${c.updated}, unchanged: ${c.unchanged}, skipped: ${c.skipped}, failed: ${c.failed}`;
}

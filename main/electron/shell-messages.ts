import type { Shell } from '../../shared/i18n/catalogue/bg/shell.js';
import { t as translate, type Language, type MessageKey } from '../../shared/i18n/translate.js';

export { syncCountsLine } from '../../shared/i18n/sync-counts.js';

// Shell words that are the same idea as a screen's words, taken from the screens' keys so each is worded once.
const sharedWords = {
  dataFolder: 'settings.dataFolder',
  syncDone: 'sync.notify.completed',
  syncDryDone: 'sync.notify.dryRunCompleted',
  syncFailed: 'sync.notify.failed',
  syncCancelled: 'sync.notify.cancelled',
} satisfies Record<string, MessageKey>;

export type ShellWord = keyof Shell | keyof typeof sharedWords;

/** One word or phrase of the shell (menus, dialogs, notifications) in the given language. */
export function t(word: ShellWord, lang: Language): string {
  return translate(word in sharedWords ? sharedWords[word as keyof typeof sharedWords] : `shell.${word as keyof Shell}`, {}, lang);
}

/** The system's language (Electron's `app.getLocale()`): English when it is English, Bulgarian otherwise. */
export function languageOfLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'bg';
}

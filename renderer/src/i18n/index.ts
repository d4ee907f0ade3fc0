import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/messages.js';
import { bg } from './bg.js';
import { en } from './en.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof bg };
  }
}

/** Bulgarian is the default; English is the one switch (setting `ui.language`). */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { bg: { translation: bg }, en: { translation: en } },
    lng: 'bg',
    fallbackLng: 'bg',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18next;
}

/** The UI language as the shared message catalogue names it. */
export function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'bg';
}

/** Switches the UI language and the `<html lang>` attribute (screen readers pick the voice from it). */
export async function applyLanguage(lang: Language): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Catalogue } from '../../../shared/i18n/catalogue/bg/index.js';
import { catalogueOf, toLanguage, type Language } from '../../../shared/i18n/translate.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

/**
 * Screens call `t('…')` through react-i18next; its resources are the shared catalogue
 * (`shared/i18n/catalogue/`), the same words the report, the CLI and the menus use. Bulgarian is the
 * default; English is the one switch (setting `ui.language`).
 */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { bg: { translation: catalogueOf('bg') }, en: { translation: catalogueOf('en') } },
    lng: 'bg',
    fallbackLng: 'bg',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18next;
}

/** The UI language in effect, the one helper screens use to learn it. */
export function useLang(): Language {
  const { i18n } = useTranslation();
  return toLanguage(i18n.language);
}

/** Switches the UI language (any stored value, normalised) and the `<html lang>` attribute (screen readers pick the voice from it). */
export async function applyLanguage(value: unknown): Promise<void> {
  const lang = toLanguage(value);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

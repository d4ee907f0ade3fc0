import { toLanguage, type Language } from '../../shared/i18n/translate.js';
import type { SettingsStore } from './settings-store.js';

/** The UI language in effect in main (report, preflight, CLI default, menus): the `ui.language` setting. */
export function uiLanguage(settings: Pick<SettingsStore, 'get'>): Language {
  return toLanguage(settings.get('ui.language'));
}

import type { Language } from '../../shared/i18n/messages.js';
import type { SettingsStore } from './settings-store.js';

/** The user's language from the `ui.language` setting: Bulgarian unless it says English. */
export function uiLanguage(settings: Pick<SettingsStore, 'get'>): Language {
  return settings.get('ui.language') === 'en' ? 'en' : 'bg';
}

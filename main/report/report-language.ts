import type { AppContext } from '../app-context.js';
import type { Language } from '../../shared/i18n/messages.js';

/** The report's language: the UI language setting, Bulgarian unless it says English. */
export function pickReportLanguage(ctx: Pick<AppContext, 'settings'>): Language {
  return ctx.settings.get('ui.language') === 'en' ? 'en' : 'bg';
}

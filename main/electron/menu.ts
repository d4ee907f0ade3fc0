import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/i18n/messages.js';
import { PRODUCT_NAME } from '../db/data-dir.js';
import { t } from './shell-messages.js';

export type MenuActions = {
  importCsv(): void;
  openDataFolder(): void;
  openLogsFolder(): void;
  about(): void;
};

/**
 * The application menu in the UI's language. Standard items keep their roles (so copy and paste work
 * in text fields on macOS) with translated labels; developer tools only outside a packaged app.
 */
export function buildMenuTemplate(lang: Language, actions: MenuActions, opts: { platform: NodeJS.Platform; devTools: boolean }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const appMenu: MenuItemConstructorOptions = {
    label: PRODUCT_NAME,
    submenu: [
      { label: t('about', lang), click: actions.about },
      sep,
      { role: 'hide', label: t('hide', lang) },
      { role: 'hideOthers', label: t('hideOthers', lang) },
      { role: 'unhide', label: t('showAll', lang) },
      sep,
      { role: 'quit', label: t('quit', lang) },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: t('file', lang),
    submenu: [
      { id: 'import-csv', label: t('importCsv', lang), accelerator: 'CmdOrCtrl+O', click: actions.importCsv },
      sep,
      { id: 'open-data-folder', label: t('openDataFolder', lang), click: actions.openDataFolder },
      { id: 'open-logs-folder', label: t('openLogsFolder', lang), click: actions.openLogsFolder },
      ...(mac ? [] : [sep, { role: 'quit', label: t('quit', lang) } as MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('edit', lang),
    submenu: [
      { role: 'undo', label: t('undo', lang) },
      { role: 'redo', label: t('redo', lang) },
      sep,
      { role: 'cut', label: t('cut', lang) },
      { role: 'copy', label: t('copy', lang) },
      { role: 'paste', label: t('paste', lang) },
      { role: 'selectAll', label: t('selectAll', lang) },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('view', lang),
    submenu: [
      { role: 'zoomIn', label: t('zoomIn', lang) },
      { role: 'zoomOut', label: t('zoomOut', lang) },
      { role: 'resetZoom', label: t('resetZoom', lang) },
      sep,
      { role: 'togglefullscreen', label: t('fullScreen', lang) },
      ...(opts.devTools ? [{ role: 'toggleDevTools', label: t('devTools', lang) } as MenuItemConstructorOptions] : []),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('window', lang),
    submenu: [
      { role: 'minimize', label: t('minimize', lang) },
      { role: 'close', label: t('close', lang) },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: t('help', lang),
    submenu: [{ id: 'about', label: t('about', lang), click: actions.about }],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, ...(mac ? [] : [help])];
}

/** Installs (or rebuilds, after a language change) the application menu. */
export function installMenu(lang: Language, actions: MenuActions, opts: { platform: NodeJS.Platform; devTools: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(lang, actions, opts)));
}

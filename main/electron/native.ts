import { dialog, Notification, shell, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/i18n/messages.js';
import type { EventOf } from '../../shared/ipc-contract.js';
import type { SecretCipher } from '../settings/secret-cipher.js';
import { PRODUCT_NAME } from '../db/data-dir.js';
import type { RefusedChoice } from './keychain-key.js';
import { EXTENSION } from './save-file.js';
import { syncCountsLine, t } from './shell-messages.js';

/** The native open dialog for a Barsy CSV export; null when the user cancels. */
export async function pickCsvFile(win: BrowserWindow | null, lang: Language): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: t('chooseCsv', lang),
    properties: ['openFile'],
    filters: [{ name: t('csvFiles', lang), extensions: ['csv', 'txt', 'xlsx'] }],
  };
  const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

/** The native folder dialog (the watched export folder); null when the user cancels. */
export async function pickFolder(win: BrowserWindow | null, lang: Language): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title: t('chooseFolder', lang), properties: ['openDirectory', 'createDirectory'] };
  const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

const SAVE_FILTER = { csv: 'csvFile', html: 'htmlFile', text: 'textFile' } as const;

/** The native save dialog for an export, starting at `defaultPath`; null when the user cancels. */
export async function askSavePath(win: BrowserWindow | null, lang: Language, defaultPath: string, kind: 'csv' | 'html' | 'text'): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: t('saveTitle', lang),
    defaultPath,
    filters: [{ name: t(SAVE_FILTER[kind], lang), extensions: [EXTENSION[kind]] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return res.canceled || !res.filePath ? null : res.filePath;
}

/**
 * The keychain refused to open the sealed key: say so and let the user try again (e.g. allow access in
 * the keychain prompt), reset the secrets (confirmed separately: they must then be entered again) or quit.
 */
export async function askKeychainRefused(lang: Language): Promise<RefusedChoice> {
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: PRODUCT_NAME,
      message: t('keychainRefused', lang),
      detail: t('keychainRefusedDetail', lang),
      buttons: [t('tryAgain', lang), t('resetSecrets', lang), t('quit', lang)],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 0) return 'retry';
    if (response !== 1) return 'quit';
    const confirm = await dialog.showMessageBox({
      type: 'warning',
      title: PRODUCT_NAME,
      message: t('resetSecretsConfirm', lang),
      buttons: [t('reset', lang), t('cancel', lang)],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (confirm.response === 0) return 'reset';
  }
}

/** Opens a folder (data, logs) in Explorer or Finder. */
export async function openFolder(dir: string): Promise<void> {
  await shell.openPath(dir);
}

export type AboutInfo = { version: string; dataDir: string; secretStorage: SecretCipher['kind'] | undefined };

/** The about box: version, runtime versions, where the data lives and how secrets are protected. */
export async function showAbout(win: BrowserWindow | null, lang: Language, info: AboutInfo): Promise<void> {
  const secrets = info.secretStorage === 'os-keychain' ? t('secretsKeychain', lang) : info.secretStorage ? t('secretsFallback', lang) : '';
  const detail = [
    t('aboutText', lang),
    '',
    `${t('version', lang)}: ${info.version}`,
    `Electron ${process.versions.electron ?? '-'}, Chromium ${process.versions.chrome ?? '-'}, Node ${process.versions.node}`,
    `${t('dataFolder', lang)}: ${info.dataDir}`,
    secrets,
  ].join('\n');
  const options: Electron.MessageBoxOptions = { type: 'info', title: t('about', lang), message: PRODUCT_NAME, detail, buttons: [t('ok', lang)] };
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** The desktop notification at the end of a sync; clicking it brings the window back. */
export function notifySyncFinished(summary: EventOf<'sync:finished'>, lang: Language, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const title =
    summary.status === 'failed' ? t('syncFailed', lang) : summary.status === 'cancelled' ? t('syncCancelled', lang) : summary.dryRun ? t('syncDryDone', lang) : t('syncDone', lang);
  const n = new Notification({ title, body: `${summary.audienceName}: ${syncCountsLine(summary.counts, lang)}` });
  n.on('click', onClick);
  n.show();
}

/** The desktop notification when an update has been downloaded: it is installed at the next quit. */
export function notifyUpdateReady(version: string, lang: Language): void {
  if (!Notification.isSupported()) return;
  new Notification({ title: `${t('updateReady', lang)}: ${version}`, body: t('updateReadyBody', lang) }).show();
}

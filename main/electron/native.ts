import { dialog, Notification, shell, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/i18n/messages.js';
import type { EventOf } from '../../shared/ipc-contract.js';
import type { SecretCipher } from '../settings/secret-cipher.js';
import { PRODUCT_NAME } from '../db/data-dir.js';
import { syncCountsLine, t } from './shell-messages.js';

/** The native open dialog for a Barsy CSV export; null when the user cancels. */
export async function pickCsvFile(win: BrowserWindow | null, lang: Language): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: t('chooseCsv', lang),
    properties: ['openFile'],
    filters: [{ name: t('csvFiles', lang), extensions: ['csv', 'txt'] }],
  };
  const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return res.canceled ? null : (res.filePaths[0] ?? null);
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

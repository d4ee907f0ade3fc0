import type { Command } from 'commander';
import { formatError, type Language } from '../../../shared/i18n/messages.js';
import { t } from '../../../shared/i18n/translate.js';
import { watchFolder } from '../../watch/folder-watcher.js';
import { checkWatchSetup, scanFolderOnce, type WatchResult } from '../../watch/watch-service.js';
import type { CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;

/** The stable JSON line: `{"file","action","importId"?,"runId"?,"counts"?,"error"?}` with the error as one translated sentence. */
export function watchJson(r: WatchResult, lang: Language): string {
  return JSON.stringify({
    file: r.file,
    action: r.action,
    ...(r.importId !== undefined ? { importId: r.importId } : {}),
    ...(r.runId !== undefined ? { runId: r.runId } : {}),
    ...(r.counts ? { counts: r.counts } : {}),
    ...(r.error ? { error: formatError(r.error, lang) } : {}),
  });
}

/** One line for people. */
export function watchLine(r: WatchResult, lang: Language): string {
  const ids = [r.importId !== undefined ? `import #${r.importId}` : '', r.runId !== undefined ? `sync #${r.runId}` : ''].filter(Boolean).join(', ');
  const counts = r.counts ? ` — +${r.counts.created} ~${r.counts.updated} =${r.counts.unchanged} !${r.counts.failed}` : '';
  return `${r.file}: ${t(`cli.watch.${r.action}`, {}, lang)}${ids ? ` (${ids})` : ''}${counts}${r.error ? `: ${formatError(r.error, lang)}` : ''}`;
}

/** `barsy-sync watch [FOLDER] [--once] [--json]`. */
export function registerWatchCommand(program: Command, open: Open): void {
  program
    .command('watch')
    .description('import and sync every new or changed CSV export saved in FOLDER (default: the folder chosen in Settings); runs until Ctrl-C')
    .argument('[folder]', 'the folder Barsy exports are saved in')
    .option('--once', 'handle what arrived since the last look, then exit')
    .option('--json', 'one JSON line per file: {"file","action","importId","runId","counts","error"}')
    .option('--settle-ms <ms>', 'how long a file must stay unchanged before it counts as complete', '2000')
    .action(async (folder: string | undefined, opts: { once?: boolean; json?: boolean; settleMs: string }, cmd: Command) => {
      const rt = open(cmd);
      const dir = checkWatchSetup(rt.ctx, folder ?? rt.ctx.settings.get('watch.folder'));
      const stableMs = Math.max(0, Number(opts.settleMs) || 0);
      const print = (r: WatchResult) => process.stdout.write(`${opts.json ? watchJson(r, rt.lang) : watchLine(r, rt.lang)}\n`);
      if (opts.once) {
        await scanFolderOnce(rt.ctx, dir, { stableMs }, print);
        return;
      }
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const watcher = watchFolder(rt.ctx, dir, { stableMs, signal: controller.signal, onResult: print });
      if (!opts.json) process.stderr.write(`${t('cli.watch.watching', { dir }, rt.lang)}\n`);
      await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
      await watcher.close();
    });
}

/*
 * A fake of `electron-log/main` (the real one requires the Electron runtime). It keeps the part the
 * shell relies on: transports' settings, hooks run on every message before it is written, IPC
 * listeners registered on import.
 */
import { ipcMain } from './fake-electron.js';

type Message = { data: unknown[]; level: string; date: Date };
type Hook = (m: Message) => Message | false;

const written: Array<{ level: string; text: string }> = [];
const hooks: Hook[] = [];

function write(level: string, data: unknown[]) {
  let m: Message | false = { data, level, date: new Date() };
  for (const h of hooks) {
    if (m === false) return;
    m = h(m);
  }
  if (m) written.push({ level, text: m.data.map(String).join(' ') });
}

const log = {
  transports: {
    file: { resolvePathFn: undefined as undefined | (() => string), maxSize: 1024 * 1024, level: 'silly' as string | false },
    console: { level: 'silly' as string | false },
  },
  hooks,
  written,
  info: (...d: unknown[]) => write('info', d),
  warn: (...d: unknown[]) => write('warn', d),
  error: (...d: unknown[]) => write('error', d),
};

/** What electron-log/main does on import: listens for renderer log messages. */
export function simulateImport(): void {
  ipcMain.on('__ELECTRON_LOG__', () => undefined);
  ipcMain.handle('__ELECTRON_LOG__', () => ({}));
}
simulateImport();

export default log;

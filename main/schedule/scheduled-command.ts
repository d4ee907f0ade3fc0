import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the operating system runs at the scheduled time. `app`: the installed app's own executable in
 * headless mode (its secrets unsealed by the OS keychain); `cli`: Node running the CLI (development and
 * plain-Node installs, e.g. a Linux server, which read secrets through the file key).
 */
export type ScheduledCommand = { kind: 'app' | 'cli'; program: string; args: string[] };

/** The flags a scheduled run passes: sync, pick up new exports in the watched folder first, no output. */
export const HEADLESS_FLAGS = ['--sync', '--watch', '--quiet'] as const;

/** Finds `bin/barsy-sync.mjs` of this package (sources and bundles sit one to three levels below it). */
function findCliBin(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const bin = path.join(dir, 'bin', 'barsy-sync.mjs');
    if (fs.existsSync(bin)) return bin;
    dir = path.dirname(dir);
  }
  return undefined;
}

export type DetectOptions = {
  /** The database the schedule is for; passed on with `--db` when it is not the default one. */
  dbPath: string;
  defaultDbPath: string;
  versions?: NodeJS.ProcessVersions;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  /** Electron's `process.defaultApp`: the app runs from sources as `electron <dir>`, which must be passed again. */
  defaultApp?: boolean;
  appPath?: string;
  cliBin?: string;
};

/** Works out the command for this installation (see `ScheduledCommand`). */
export function detectScheduledCommand(o: DetectOptions): ScheduledCommand {
  const versions = o.versions ?? process.versions;
  const execPath = o.execPath ?? process.execPath;
  const db = path.resolve(o.dbPath) === path.resolve(o.defaultDbPath) ? [] : ['--db', path.resolve(o.dbPath)];
  // Inside Electron (its main process, or its executable in Node mode running the CLI) the executable is the app.
  if (versions.electron) {
    const appDir = o.defaultApp && o.appPath ? [o.appPath] : [];
    return { kind: 'app', program: execPath, args: [...appDir, ...HEADLESS_FLAGS, ...db] };
  }
  const bin = o.cliBin ?? findCliBin() ?? path.resolve(process.argv[1] ?? 'barsy-sync');
  return { kind: 'cli', program: execPath, args: [bin, ...db, 'sync', '--watch', '--quiet'] };
}

/** The command as one line for people (each word double-quoted when it needs it). */
export function commandText(cmd: ScheduledCommand): string {
  return [cmd.program, ...cmd.args].map((w) => (/^[\w@%+=:,./\\-]+$/.test(w) ? w : `"${w.replace(/"/g, '\\"')}"`)).join(' ');
}

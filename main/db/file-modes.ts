import fs from 'node:fs';

/**
 * Files only the owner can read. The database, its WAL and SHM, the logs, the backups and saved reports
 * hold every client's personal data, so on macOS and Linux they are 0600 and the folders we create for
 * them 0700, whatever the umask and wherever the database is (`--db` too). Windows keeps them in the
 * per-user profile, whose ACLs already do this; chmod there would only touch the read-only bit.
 */

const POSIX = process.platform !== 'win32';

export const OWNER_FILE_MODE = 0o600;
export const OWNER_DIR_MODE = 0o700;

/**
 * Creates the folder (and parents) if missing, 0700. An existing folder is made 0700 only when
 * `tighten` (folders that are ours: the app-data folder, `backups/`, `logs/`): a folder the user named
 * with `--db`, such as their home, keeps its mode, and the files we put in it are 0600 anyway.
 */
export function ensureOwnerOnlyDir(dir: string, tighten = true): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_DIR_MODE });
  if (POSIX && (tighten || !existed)) fs.chmodSync(dir, OWNER_DIR_MODE);
}

/** Makes an existing file 0600 (a missing one is skipped: SQLite's WAL and SHM come and go). */
export function restrictFile(file: string): void {
  if (!POSIX) return;
  try {
    fs.chmodSync(file, OWNER_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Creates the file empty with mode 0600 when it does not exist yet, else makes it 0600. SQLite gives the
 * WAL and SHM files the database file's mode, so creating the database this way covers them too.
 */
export function ensureOwnerOnlyFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'a', OWNER_FILE_MODE));
  } finally {
    restrictFile(file);
  }
}

/** Writes a whole file that is 0600 from the moment it exists (reports, exports kept in the data folder). */
export function writeOwnerOnlyFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: OWNER_FILE_MODE });
  restrictFile(file);
}

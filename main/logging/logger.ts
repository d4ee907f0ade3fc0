import fs from 'node:fs';
import path from 'node:path';

/**
 * The engine's logger. The app plugs electron-log in (rotated files in the app-data folder); the CLI
 * and tests use the console one. Every sink goes through `redact`, so a secret never reaches a log.
 */
export type Logger = {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
};

const secretValues = new Set<string>();

/** Remembers a secret's value so that `redact` hides it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secretValues.add(value);
}

// Mailchimp keys look like 32 hex characters, a dash and a data-center name.
const API_KEY_PATTERN = /\b[0-9a-f]{32}-[a-z]+\d+\b/gi;
const BASIC_AUTH_PATTERN = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi;

/** Hides API keys, Authorization headers and every registered secret in a text. */
export function redact(text: string): string {
  let out = text.replace(API_KEY_PATTERN, '[redacted-api-key]').replace(BASIC_AUTH_PATTERN, '$1$2 [redacted]');
  for (const s of secretValues) out = out.split(s).join('[redacted]');
  return out;
}

function render(message: string, data: unknown): string {
  if (data === undefined) return redact(message);
  let payload: string;
  if (data instanceof Error) payload = `${data.name}: ${data.message}`;
  else {
    try {
      payload = JSON.stringify(data);
    } catch {
      payload = String(data);
    }
  }
  return redact(`${message} ${payload}`);
}

/** A logger that writes redacted lines to stderr (so `--json` output on stdout stays clean). */
export function createConsoleLogger(opts: { quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string, data: unknown) => {
    if (opts.quiet && level === 'info') return;
    process.stderr.write(`[${level}] ${render(message, data)}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** Wraps any sink (e.g. electron-log) so that it only ever sees redacted text. */
export function createRedactingLogger(sink: { info(s: string): void; warn(s: string): void; error(s: string): void }): Logger {
  return {
    info: (m, d) => sink.info(render(m, d)),
    warn: (m, d) => sink.warn(render(m, d)),
    error: (m, d) => sink.error(render(m, d)),
  };
}

/**
 * Logs name every client a sync touched, so only the owner may read them (macOS, Linux): the folder
 * 0700 and the files 0600, also when an older version left them readable by everyone.
 */
function ownerOnly(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  fs.chmodSync(dir, 0o700);
  for (const f of [file, `${file}.1`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

/**
 * Appends redacted lines to a log file, rotated to `<file>.1` past `maxBytes`. The CLI logs here so a
 * scheduled sync leaves a trail without filling the terminal; `echo` also writes warnings to stderr.
 */
export function createFileLogger(file: string, opts: { maxBytes?: number; echo?: boolean } = {}): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  let ready = false;
  const write = (level: string, message: string, data: unknown) => {
    const line = `${new Date().toISOString()} [${level}] ${render(message, data)}\n`;
    if (opts.echo && level !== 'info') process.stderr.write(`[${level}] ${render(message, data)}\n`);
    try {
      if (!ready) {
        ownerOnly(file);
        ready = true;
      }
      if (fs.existsSync(file) && fs.statSync(file).size > maxBytes) fs.renameSync(file, `${file}.1`);
      fs.appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // A log that cannot be written must never break a sync.
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

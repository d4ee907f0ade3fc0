import type { Command } from 'commander';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SECRET_SETTING_KEYS, type SettingKey } from '../../../shared/domain/settings.js';
import { appError, type AppError } from '../../../shared/domain/app-error.js';
import { formatError, type Language } from '../../../shared/i18n/messages.js';
import { t, type Params } from '../../../shared/i18n/translate.js';
import type { Cli } from '../../../shared/i18n/catalogue/bg/cli.js';
import { restoreBackup, type RestoreResult } from '../../db/backups.js';
import { resolveDbPath } from '../../db/data-dir.js';
import { checkDatabase, type DatabaseCheck } from '../../db/doctor.js';
import { migrations } from '../../db/migrations/index.js';
import { corruptionFailure, openDatabase } from '../../db/open-database.js';
import { createFileKeyCipher } from '../../settings/secret-cipher.js';
import { createSettingsStore } from '../../settings/settings-store.js';
import { CliExit, pickLanguage } from '../cli-context.js';

type SecretState = 'readable' | 'unreadable' | 'not_set' | 'unknown';

type DoctorReport = DatabaseCheck & {
  secrets: Partial<Record<SettingKey, SecretState>>;
  /** What needs the user: empty when everything is fine. */
  problems: Array<'missing' | 'integrity' | 'newer_schema' | 'secrets_unreadable'>;
  restored?: RestoreResult;
};

/**
 * Whether each stored secret can be decrypted here (with the file key, as every CLI command would).
 * The database is opened read-only; a schema too old for the settings table leaves the answer unknown.
 */
function checkSecrets(file: string): DoctorReport['secrets'] {
  const out: DoctorReport['secrets'] = {};
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const has = db.prepare<[string]>('SELECT 1 FROM settings WHERE key = ?');
    const settings = createSettingsStore(db, createFileKeyCipher(path.dirname(file)));
    for (const key of SECRET_SETTING_KEYS) {
      if (!has.get(key)) out[key] = 'not_set';
      else {
        try {
          settings.get(key);
          out[key] = 'readable';
        } catch {
          out[key] = 'unreadable';
        }
      }
    }
  } catch {
    for (const key of SECRET_SETTING_KEYS) out[key] = 'unknown';
  } finally {
    db?.close();
  }
  return out;
}

function diagnose(file: string): DoctorReport {
  const check = checkDatabase(file);
  const secrets = check.integrity.ok ? checkSecrets(file) : {};
  const problems: DoctorReport['problems'] = [];
  if (!check.exists) problems.push('missing');
  else if (!check.integrity.ok) problems.push('integrity');
  if (check.migrations.unknown.length > 0) problems.push('newer_schema');
  if (Object.values(secrets).includes('unreadable')) problems.push('secrets_unreadable');
  return { ...check, secrets, problems };
}

/** The first problem as the one-line message the CLI prints on stderr (the report itself is on stdout). */
function problemError(r: DoctorReport): AppError | undefined {
  const problem = r.problems[0];
  if (!problem) return undefined;
  if (problem === 'missing') return appError('file_not_found', { file: r.file });
  if (problem === 'integrity') return corruptionFailure(r.file, new Error(r.integrity.messages[0] ?? 'quick_check')).appError;
  if (problem === 'newer_schema') {
    return appError('db_newer_than_app', { file: r.file, found: Math.max(...r.migrations.unknown), known: Math.max(...migrations.map((m) => m.version)) });
  }
  return appError('secret_unavailable');
}

type DoctorWord = Exclude<keyof Cli['doctor'], 'secret'> | `secret.${keyof Cli['doctor']['secret']}`;

/** The report for a person, in their language. */
function describe(r: DoctorReport, lang: Language): string {
  const w = (key: DoctorWord, params: Params = {}) => t(`cli.doctor.${key}`, params, lang);
  const lines = [`${w('database')}: ${r.file}${r.exists ? '' : ` — ${w('missing')}`}`];
  if (r.restored) {
    lines.push(`${w('restored')}: ${r.restored.restored}`);
    if (r.restored.damagedCopy) lines.push(`${w('damagedCopy')}: ${r.restored.damagedCopy}`);
  }
  if (r.exists) {
    lines.push(`${w('integrity')}: ${r.integrity.ok ? w('ok') : `${w('damaged')} — ${r.integrity.messages.slice(0, 5).join('; ')}`}`);
    const m = r.migrations;
    const parts = m.pending.length === 0 && m.unknown.length === 0 ? [w('allApplied', { n: m.applied.length })] : [];
    if (m.pending.length > 0) parts.push(`${w('pending')}: ${m.pending.join(', ')}`);
    if (m.unknown.length > 0) parts.push(`${w('unknown')}: ${m.unknown.join(', ')}`);
    if (r.integrity.ok) lines.push(`${w('migrations')}: ${parts.join('; ')}`);
    const secrets = Object.entries(r.secrets).map(([k, v]) => `${k} ${w(`secret.${v}`)}`);
    if (secrets.length > 0) lines.push(`${w('secrets')}: ${secrets.join(', ')}`);
    if (r.problems.includes('secrets_unreadable')) lines.push(`  ${formatError({ code: 'secret_unavailable', params: {} }, lang)}`);
  }
  lines.push(`${w('backups')}: ${r.backups.length === 0 ? w('none') : ''}`);
  for (const b of r.backups) lines.push(`  ${b}`);
  lines.push(r.problems.length === 0 ? w('fine') : w('found', { n: r.problems.length }));
  if (r.problems.includes('integrity') && r.backups.length > 0) lines.push(w('restoreHint'));
  return lines.join('\n');
}

/**
 * `barsy-sync doctor [--json] [--restore [BACKUP]]`: checks the database (quick_check, migrations, whether
 * the secrets can be read here) and, on request, puts a backup in its place after copying the current file
 * aside. It opens the file itself rather than through the CLI runtime, which would refuse a damaged one.
 * Exit code 0 when no problem is found, 1 otherwise.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the database (integrity, migrations, secrets) and restore a backup on request')
    .option('--json', 'print one JSON line')
    .option('--restore [backup]', 'replace the database by a backup (default: the newest); the current file is kept in backups/')
    .action((opts: { json?: boolean; restore?: string | boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; lang?: string };
      const file = resolveDbPath(global.db);
      const lang = pickLanguage(global.lang);
      let restored: RestoreResult | undefined;
      if (opts.restore !== undefined && opts.restore !== false) {
        restored = restoreBackup(file, typeof opts.restore === 'string' ? opts.restore : undefined);
        // Opening brings a backup from an older version up to date (and checks it opens at all).
        openDatabase(file).close();
      }
      const report: DoctorReport = { ...diagnose(file), ...(restored ? { restored } : {}) };
      process.stdout.write(`${opts.json ? JSON.stringify(report) : describe(report, lang)}\n`);
      const first = problemError(report);
      if (first) throw new CliExit(first);
    });
}

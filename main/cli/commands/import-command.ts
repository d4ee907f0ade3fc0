import { InvalidArgumentError, type Command } from 'commander';
import { ELIGIBILITY_REASONS } from '../../../shared/domain/client.js';
import { delimiterOptionSchema, encodingOptionSchema, type ColumnOverride, type ImportSummary } from '../../../shared/domain/import.js';
import { formatReason, formatWarningCode } from '../../../shared/i18n/messages.js';
import { t, type Language, type MessageKey, type Params } from '../../../shared/i18n/translate.js';
import type { ResponseOf } from '../../../shared/ipc-contract.js';
import type { OpenRuntime } from '../cli-context.js';

const WARNINGS_SHOWN = 20;

/** The human-readable import summary (the `--json` form is the stable interface), in the import screen's words. */
export function formatSummary(s: ImportSummary, lang: Language): string {
  const w = (key: MessageKey, params: Params = {}) => t(key, params, lang);
  const out = [`${w('cli.importTitle', { id: s.importId, file: s.fileName })}${s.alreadyImported ? ` ${w('cli.alreadyImported')}` : ''}`];
  out.push(`${w('cli.rows')}: ${s.rows}`, `${w('import.clients')}: ${s.clients}`, `${w('import.representatives')}: ${s.representatives}`);
  out.push(`${w('import.encoding')}: ${s.encoding}`, `${w('import.delimiter')}: ${s.delimiter === '\t' ? 'tab' : s.delimiter}`);
  out.push(`${w('import.eligible')}: ${s.eligible}`, w('import.notSyncedTitle'));
  for (const r of ELIGIBILITY_REASONS) if (s.ineligible[r] > 0) out.push(`  ${formatReason(r, lang)}: ${s.ineligible[r]}`);
  out.push(`${w('import.duplicates')}: ${s.duplicates}`);
  out.push(`${w('nav.groups')}: ${s.groups.map((g) => `${g.name || w('groups.noGroup')} (${g.clients})`).join(', ')}`);
  if (s.warnings.length > 0) {
    out.push(w('import.warnings', { count: s.warnings.length }));
    for (const x of s.warnings.slice(0, WARNINGS_SHOWN)) out.push(`  ${w('import.warningLine', { line: x.line })}: ${formatWarningCode(x.code, lang)}: ${x.detail}`);
    if (s.warnings.length > WARNINGS_SHOWN) out.push('  …');
  }
  return `${out.join('\n')}\n`;
}

type ClientsPage = ResponseOf<'clients:list'>;

function formatClients(page: ClientsPage, lang: Language): string {
  const out = page.items.map((c) => {
    const why = c.allReasons.map((r) => formatReason(r, lang)).join('; ');
    return `${c.line}\t${c.barsyId || c.code}\t${c.name}\t${c.email}\t${c.group}\t${c.eligible ? '✓' : `✗ ${why}`}`;
  });
  out.push(`${t('cli.total', {}, lang)}: ${page.total}`);
  return `${out.join('\n')}\n`;
}

function choice<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string) {
  return (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`unknown ${what} "${value}"`);
    return parsed.data;
  };
}

type ImportOptions = {
  encoding: string;
  delimiter: string;
  columns?: ColumnOverride[];
  repColumns?: ColumnOverride[];
  sheet?: string;
  repSheet?: string;
  json?: boolean;
};

/**
 * `"Код клиент=code,Email на клиент=email"` → corrections by header. The last `=` of an item splits it,
 * so a header may contain `=`; whether the header and role exist is checked against the file.
 */
export function parseColumns(value: string): ColumnOverride[] {
  return value
    .split(',')
    .filter((item) => item.trim() !== '')
    .map((item) => {
      const eq = item.lastIndexOf('=');
      const header = item.slice(0, eq).trim();
      const role = item.slice(eq + 1).trim();
      if (eq <= 0 || header === '' || role === '') throw new InvalidArgumentError(`"${item.trim()}" is not HEADER=role`);
      return { header, role };
    });
}

/** `barsy-sync import CLIENTS.csv [REPRESENTATIVES.csv]` and `barsy-sync clients`. */
export function registerImportCommands(program: Command, open: OpenRuntime): void {
  program
    .command('import <clients> [representatives]')
    .description('import a Barsy clients file, CSV or Excel (and optionally a representatives file)')
    .option('--encoding <auto|utf8|cp1251|utf16le>', 'text encoding of the files', choice(encodingOptionSchema, 'encoding'), 'auto')
    .option('--delimiter <auto|,|;|tab>', 'column delimiter', choice(delimiterOptionSchema, 'delimiter'), 'auto')
    .option('--columns <HEADER=role,…>', 'say what columns of the clients file hold (role: a client field such as email, code, group, or extra / ignore)', parseColumns)
    .option('--rep-columns <HEADER=role,…>', 'say what columns of the representatives file hold (role: client, kind, number, field, value, data, ignore)', parseColumns)
    .option('--sheet <NAME>', 'worksheet of an Excel clients file (default: the first)')
    .option('--rep-sheet <NAME>', 'worksheet of an Excel representatives file (default: the first)')
    .option('--json', 'print the summary as one JSON line')
    .action(async (clients: string, representatives: string | undefined, opts: ImportOptions, cmd: Command) => {
      const rt = open(cmd);
      const summary = await rt.call('import:run', {
        path: clients,
        ...(representatives ? { representativesPath: representatives } : {}),
        encoding: encodingOptionSchema.parse(opts.encoding),
        delimiter: delimiterOptionSchema.parse(opts.delimiter),
        ...(opts.columns ? { columnOverrides: opts.columns } : {}),
        ...(opts.repColumns ? { repColumnOverrides: opts.repColumns } : {}),
        ...(opts.sheet ? { sheet: opts.sheet } : {}),
        ...(opts.repSheet ? { repSheet: opts.repSheet } : {}),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, rt.lang));
    });

  program
    .command('clients')
    .description('list the clients of the current import with their eligibility')
    .option('--eligible', 'only clients that will be synced')
    .option('--ineligible', 'only clients that will not be synced')
    .option('--search <text>', 'filter by name, email, code or group')
    .option('--json', 'print one JSON line {total, items}')
    .action(async (opts: { eligible?: boolean; ineligible?: boolean; search?: string; json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const filter = opts.eligible ? 'eligible' : opts.ineligible ? 'ineligible' : 'all';
      const first = await rt.call('clients:list', { filter, limit: 1000, ...(opts.search ? { search: opts.search } : {}) });
      const items = [...first.items];
      while (items.length < first.total) {
        const page = await rt.call('clients:list', { filter, offset: items.length, limit: 1000, ...(opts.search ? { search: opts.search } : {}) });
        if (page.items.length === 0) break;
        items.push(...page.items);
      }
      const all = { total: first.total, items };
      process.stdout.write(opts.json ? `${JSON.stringify(all)}\n` : formatClients(all, rt.lang));
    });
}

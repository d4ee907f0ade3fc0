import { InvalidArgumentError, type Command } from 'commander';
import { ELIGIBILITY_REASONS } from '../../../shared/domain/client.js';
import { delimiterOptionSchema, encodingOptionSchema, type ColumnOverride, type ImportSummary } from '../../../shared/domain/import.js';
import { formatReason, formatWarningCode, type Language } from '../../../shared/i18n/messages.js';
import type { ResponseOf } from '../../../shared/ipc-contract.js';
import type { OpenRuntime } from '../cli-context.js';

const LABELS = {
  bg: {
    import: 'Импорт №', already: '(този файл вече е импортиран; ползва се предишният импорт)', rows: 'Редове', clients: 'Клиенти',
    reps: 'Представители', encoding: 'Кодировка', delimiter: 'Разделител', eligible: 'За синхронизация', ineligible: 'Няма да се синхронизират',
    duplicates: 'Дублирани имейли', warnings: 'Предупреждения', line: 'ред', groups: 'Групи', noGroup: '(без група)', total: 'Общо',
  },
  en: {
    import: 'Import #', already: '(this file was imported before; the earlier import is used)', rows: 'Rows', clients: 'Clients',
    reps: 'Representatives', encoding: 'Encoding', delimiter: 'Delimiter', eligible: 'Eligible for sync', ineligible: 'Not synced',
    duplicates: 'Duplicate emails', warnings: 'Warnings', line: 'line', groups: 'Groups', noGroup: '(no group)', total: 'Total',
  },
} as const;

const WARNINGS_SHOWN = 20;

/** The human-readable import summary (the `--json` form is the stable interface). */
export function formatSummary(s: ImportSummary, lang: Language): string {
  const L = LABELS[lang];
  const out = [`${L.import}${s.importId}: ${s.fileName}${s.alreadyImported ? ` ${L.already}` : ''}`];
  out.push(`${L.rows}: ${s.rows}`, `${L.clients}: ${s.clients}`, `${L.reps}: ${s.representatives}`);
  // A workbook has no delimiter to speak of.
  out.push(`${L.encoding}: ${s.encoding}`, ...(s.encoding === 'xlsx' ? [] : [`${L.delimiter}: ${s.delimiter === '\t' ? 'tab' : s.delimiter}`]));
  out.push(`${L.eligible}: ${s.eligible}`, `${L.ineligible}:`);
  for (const r of ELIGIBILITY_REASONS) if (s.ineligible[r] > 0) out.push(`  ${formatReason(r, lang)}: ${s.ineligible[r]}`);
  out.push(`${L.duplicates}: ${s.duplicates}`);
  out.push(`${L.groups}: ${s.groups.map((g) => `${g.name || L.noGroup} (${g.clients})`).join(', ')}`);
  if (s.warnings.length > 0) {
    out.push(`${L.warnings}: ${s.warnings.length}`);
    for (const w of s.warnings.slice(0, WARNINGS_SHOWN)) out.push(`  ${L.line} ${w.line}: ${formatWarningCode(w.code, lang)}: ${w.detail}`);
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
  out.push(`${LABELS[lang].total}: ${page.total}`);
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

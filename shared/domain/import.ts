import { z } from 'zod';
import { appErrorSchema } from './app-error.js';
import { clientFieldSchema, eligibilityReasonSchema } from './client.js';

/** A text encoding of a CSV file, or `xlsx` for an Excel workbook (read as Excel shows its cells). */
export const encodingSchema = z.enum(['utf8', 'cp1251', 'utf16le', 'xlsx']);
export type Encoding = z.infer<typeof encodingSchema>;
export const encodingOptionSchema = z.enum(['auto', 'utf8', 'cp1251', 'utf16le']);
export type EncodingOption = z.infer<typeof encodingOptionSchema>;

export const delimiterSchema = z.enum([',', ';', '\t']);
export type Delimiter = z.infer<typeof delimiterSchema>;
/** `tab` is how a person types a tab on a command line. */
export const delimiterOptionSchema = z.enum(['auto', ',', ';', 'tab']);
export type DelimiterOption = z.infer<typeof delimiterOptionSchema>;

/** Where one CSV column goes. */
export const columnTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('field'), field: clientFieldSchema }),
  /** Unknown column kept as an extra client field (can be mapped to a merge tag). */
  z.object({ type: z.literal('extra') }),
  /** A clients-file column named `<kind>: <field>`; `slot` N ≥ 2 for `<kind> N: <field>` (the N-th of that kind). */
  z.object({ type: z.literal('representative'), kind: z.string(), field: z.string(), slot: z.number().int().min(1).optional() }),
  z.object({ type: z.literal('ignore') }),
]);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

export const columnMappingSchema = z.array(
  z.object({ index: z.number().int().nonnegative(), header: z.string(), target: columnTargetSchema }),
);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * What a column of the representatives file holds: the client it belongs to (Barsy ID or client code),
 * the representative's kind, an optional number telling representatives apart, the field name and value
 * (long format), a field of the representative named by its header (wide format), or nothing.
 */
export const repRoleSchema = z.enum(['client', 'kind', 'number', 'field', 'value', 'data', 'ignore']);
export type RepRole = z.infer<typeof repRoleSchema>;
export const repColumnMappingSchema = z.array(z.object({ index: z.number().int().nonnegative(), header: z.string(), role: repRoleSchema }));
export type RepColumnMapping = z.infer<typeof repColumnMappingSchema>;

/** A person's correction of one column's meaning by its header (CLI `--columns "HEADER=role"`). */
export const columnOverrideSchema = z.object({ header: z.string().min(1), role: z.string().min(1) });
export type ColumnOverride = z.infer<typeof columnOverrideSchema>;

/** What a file looks like before importing: detection results, the first rows, the sheet of a workbook. */
const filePreviewFields = {
  fileName: z.string(),
  fileSize: z.number().int(),
  encoding: encodingSchema,
  delimiter: delimiterSchema,
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  /** Worksheet names of an Excel workbook (absent for CSV) and the one read. */
  sheets: z.array(z.string()).optional(),
  sheet: z.string().optional(),
  /** Why the file cannot be imported as recognised (a required column missing or ambiguous); fix it in the column table. */
  problems: z.array(appErrorSchema).optional(),
};

/** The representatives file before importing, with its column roles. */
export const repPreviewSchema = z.object({ ...filePreviewFields, columnMapping: repColumnMappingSchema, format: z.enum(['wide', 'long']) });
export type RepPreview = z.infer<typeof repPreviewSchema>;

/** What the user sees before importing: detection results and the first rows. */
export const importPreviewSchema = z.object({
  ...filePreviewFields,
  columnMapping: columnMappingSchema,
  representatives: repPreviewSchema.optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** Which files to read and how (`import:preview`): the clients file, optionally the representatives file. */
export const importPreviewRequestSchema = z
  .object({
    path: z.string().min(1),
    representativesPath: z.string().min(1).optional(),
    encoding: encodingOptionSchema.default('auto'),
    delimiter: delimiterOptionSchema.default('auto'),
    /** The worksheet of an Excel workbook (default: the first). */
    sheet: z.string().min(1).optional(),
    repSheet: z.string().min(1).optional(),
  })
  .strict();
export type ImportPreviewRequest = z.infer<typeof importPreviewRequestSchema>;

/** `import:run`: the files as in a preview, plus the column roles the user confirmed or corrected. */
export const importRunRequestSchema = importPreviewRequestSchema
  .extend({
    columnMapping: columnMappingSchema.optional(),
    repColumnMapping: repColumnMappingSchema.optional(),
    /** Corrections by header on top of the remembered or recognised roles (CLI `--columns`, `--rep-columns`). */
    columnOverrides: z.array(columnOverrideSchema).optional(),
    repColumnOverrides: z.array(columnOverrideSchema).optional(),
  })
  .strict();
export type ImportRunRequest = z.infer<typeof importRunRequestSchema>;

/** A non-fatal finding about one line (the import went on). */
export const importWarningSchema = z.object({
  line: z.number().int(),
  code: z.enum(['email_lookalike', 'email_invisible', 'email_invalid', 'duplicate_email', 'bad_flag', 'extra_cells', 'missing_cells']),
  detail: z.string(),
});
export type ImportWarning = z.infer<typeof importWarningSchema>;

/** The result of an import, as `barsy-sync import --json` prints it (a stable interface). */
export const importSummarySchema = z.object({
  importId: z.number().int(),
  fileName: z.string(),
  rows: z.number().int(),
  clients: z.number().int(),
  representatives: z.number().int(),
  encoding: encodingSchema,
  delimiter: delimiterSchema,
  eligible: z.number().int(),
  ineligible: z.record(eligibilityReasonSchema, z.number().int()),
  duplicates: z.number().int(),
  groups: z.array(z.object({ name: z.string(), clients: z.number().int() })),
  /** True when the same file (by SHA-256) was imported before; the earlier import is reused. */
  alreadyImported: z.boolean(),
  warnings: z.array(importWarningSchema),
  createdAt: z.string(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

import { z } from 'zod';
import { clientFieldSchema, eligibilityReasonSchema } from './client.js';

export const encodingSchema = z.enum(['utf8', 'cp1251', 'utf16le']);
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

/** What the user sees before importing: detection results and the first rows. */
export const importPreviewSchema = z.object({
  fileName: z.string(),
  fileSize: z.number().int(),
  encoding: encodingSchema,
  delimiter: delimiterSchema,
  headers: z.array(z.string()),
  columnMapping: columnMappingSchema,
  sampleRows: z.array(z.array(z.string())),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** A non-fatal finding about one line (the import went on). */
export const importWarningSchema = z.object({
  line: z.number().int(),
  code: z.enum(['email_lookalike', 'email_invalid', 'duplicate_email', 'bad_flag', 'extra_cells', 'missing_cells']),
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

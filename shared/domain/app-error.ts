import { z } from 'zod';

/**
 * Every failure a user can cause or meet, as data. The renderer, the CLI and the report turn a code
 * into a sentence in the user's language (see `shared/i18n/messages.ts`); a stack trace never reaches them.
 */
export const errorCodeSchema = z.enum([
  // files and import
  'file_not_found',
  'file_unreadable',
  'file_empty',
  'file_binary',
  'file_header_only',
  'encoding_invalid',
  'csv_unbalanced_quote',
  'csv_duplicate_header',
  'csv_no_email_column',
  'csv_row_too_long',
  'csv_bad_row',
  'csv_too_many_cells',
  'representatives_unknown_client',
  'representatives_bad_format',
  // settings
  'setting_unknown',
  'setting_invalid',
  'secret_unavailable',
  // Mailchimp
  'mailchimp_not_configured',
  'mailchimp_auth',
  'mailchimp_not_found',
  'mailchimp_compliance_state',
  'mailchimp_forgotten_email',
  'mailchimp_invalid_email',
  'mailchimp_invalid_merge_fields',
  'mailchimp_invalid_interest',
  'mailchimp_rate_limit',
  'mailchimp_server',
  'mailchimp_network',
  'mailchimp_bad_request',
  'mailchimp_bad_response',
  // mappings and sync
  'mapping_unknown_group',
  'mapping_unknown_source',
  'mapping_unknown_interest',
  'mapping_unknown_tag',
  'mapping_tag_not_text',
  'mapping_tag_invalid',
  'mapping_required_unmapped',
  'preflight_failed',
  'no_import',
  'report_email_missing',
  'run_not_found',
  'run_already_running',
  'run_not_resumable',
  'sync_cancelled',
  // email
  'smtp_auth',
  'smtp_connection',
  'smtp_tls',
  'smtp_not_configured',
  'smtp_failed',
  // IPC
  'ipc_unknown_channel',
  'ipc_invalid_request',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** Values the message template fills in (file name, line, Mailchimp's own detail, …). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** 1-based line of the input file the error is about, when there is one. */
  line: z.number().int().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** An exception that carries an `AppError`, for code paths deep inside a transaction. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, line?: number) {
    super(`${code}${line !== undefined ? ` (line ${line})` : ''} ${JSON.stringify(params)}`);
    this.name = 'AppFailure';
    this.appError = line === undefined ? { code, params } : { code, params, line };
  }
}

/** Builds an `AppError` value. */
export function appError(code: ErrorCode, params: Record<string, string | number> = {}, line?: number): AppError {
  return line === undefined ? { code, params } : { code, params, line };
}

/** Errors-as-data result used at every edge (IPC, CLI, parsers). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

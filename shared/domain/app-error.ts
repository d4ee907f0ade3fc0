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
  'representatives_no_column',
  'csv_ambiguous_column',
  'import_column_unknown',
  'import_role_unknown',
  'file_too_large',
  'workbook_unreadable',
  'workbook_sheet_unknown',
  'file_reference_refused',
  'export_too_large',
  'export_write_failed',
  // settings
  'setting_unknown',
  'setting_invalid',
  'secret_unavailable',
  'secret_argument_refused',
  'setting_value_missing',
  // database safety
  'db_corrupt',
  'db_corrupt_no_backup',
  'db_backup_not_found',
  'db_newer_than_app',
  // Mailchimp
  'mailchimp_not_configured',
  'mailchimp_base_url_refused',
  'mailchimp_base_url_dc_mismatch',
  'mailchimp_auth',
  'mailchimp_forbidden',
  'mailchimp_account_disabled',
  'mailchimp_key_refused',
  'mailchimp_too_many_signups',
  'mailchimp_certificate',
  'mailchimp_host_not_found',
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
  'mapping_unknown_permission',
  'preflight_failed',
  'no_import',
  'report_email_missing',
  'run_not_found',
  'run_already_running',
  'run_not_resumable',
  'sync_cancelled',
  'sync_outage',
  'storage_busy',
  'storage_full',
  'storage_failed',
  // unattended syncs: schedule and watched folder
  'schedule_invalid',
  'schedule_register_failed',
  'schedule_unsupported',
  'watch_folder_missing',
  'watch_folder_not_set',
  // email
  'smtp_auth',
  'smtp_connection',
  'smtp_tls',
  'smtp_starttls_missing',
  'smtp_not_configured',
  'smtp_failed',
  // IPC
  'ipc_unknown_channel',
  'ipc_invalid_request',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const appErrorFields = {
  code: errorCodeSchema,
  /** Values the message template fills in (file name, line, Mailchimp's own detail, …). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** 1-based line of the input file the error is about, when there is one. */
  line: z.number().int().optional(),
};

export const appErrorSchema = z.object({
  ...appErrorFields,
  /**
   * The problems one error gathers (e.g. every preflight problem of a sync), each a code with its
   * parameters: stored and sent as data, worded only at the edge in the reader's language.
   */
  problems: z.array(z.object(appErrorFields)).max(50).optional(),
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

/** An `AppFailure` that gathers several problems under one code (see `AppError.problems`). */
export function failureWithProblems(code: ErrorCode, problems: AppError[]): AppFailure {
  const failure = new AppFailure(code, { problems: problems.length });
  failure.appError.problems = problems.slice(0, 50).map(({ code: c, params, line }) => (line === undefined ? { code: c, params } : { code: c, params, line }));
  return failure;
}

/** Builds an `AppError` value. */
export function appError(code: ErrorCode, params: Record<string, string | number> = {}, line?: number): AppError {
  return line === undefined ? { code, params } : { code, params, line };
}

/** Errors-as-data result used at every edge (IPC, CLI, parsers). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

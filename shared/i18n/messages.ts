import type { AppError } from '../domain/app-error.js';
import type { EligibilityReason } from '../domain/client.js';
import type { ImportWarning } from '../domain/import.js';
import { t, type Language, type MessageKey, type Params } from './translate.js';

export type { Language } from './translate.js';

/** The sentence shown to the user for an error, in their language (words in `catalogue/*\/errors.ts`). */
export function formatError(error: AppError, lang: Language): string {
  const params: Params = { ...error.params };
  if (error.line !== undefined && params.line === undefined) params.line = error.line;
  // The two optional parameters: Mailchimp's "what" defaults to "the resource"; a detail goes in brackets.
  if (params.what === undefined) params.what = t('errorPart.resource', {}, lang);
  // Gathered problems (a sync's preflight) are worded here, at the edge, in the reader's language.
  if (error.problems?.length) params.detail = error.problems.map((p) => formatError(p, lang)).join(' ');
  params.detailInBrackets = params.detail ? t('errorPart.detailInBrackets', { detail: params.detail }, lang) : '';
  // A column role (`email`, `client`, `kind`) in words; a role without words is shown as it is.
  if (params.role !== undefined) params.roleWord = t(`errorPart.role.${params.role}` as MessageKey, {}, lang).replace(/^errorPart\.role\./, '');
  return t(`error.${error.code}`, params, lang);
}

/** Short label for an eligibility reason. */
export function formatReason(reason: EligibilityReason, lang: Language): string {
  return t(`reason.${reason}`, {}, lang);
}

/** Short label for an import warning's code. */
export function formatWarningCode(code: ImportWarning['code'], lang: Language): string {
  return t(`importWarning.${code}`, {}, lang);
}

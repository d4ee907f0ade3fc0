import type { AppError } from '../../../../shared/domain/app-error.js';

/**
 * The preview's problems that still stand: a missing or ambiguous column stops being a problem once
 * the user has given its role (`email`, `client`, `kind`) to some column in the table.
 */
export function openProblems(problems: AppError[] | undefined, heldRoles: ReadonlySet<string>): AppError[] {
  return (problems ?? []).filter((p) => {
    const role = p.code === 'csv_no_email_column' ? 'email' : p.params.role;
    return role === undefined || !heldRoles.has(String(role));
  });
}

export const WIZARD_STEPS = ['mailchimp', 'audience', 'report', 'import', 'groups', 'fields', 'preview'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The step to show: the one in the address, else the stored one (resume), else the first. */
export function resolveStep(param: string | null, stored: string | undefined): WizardStep {
  const known = (s: string | null | undefined): s is WizardStep => !!s && (WIZARD_STEPS as readonly string[]).includes(s);
  if (known(param)) return param;
  if (known(stored)) return stored;
  return 'mailchimp';
}

/** Index of a stored step; `done` counts as past the last one. */
export function stepIndex(step: string | undefined): number {
  if (step === 'done') return WIZARD_STEPS.length;
  const i = (WIZARD_STEPS as readonly string[]).indexOf(step ?? '');
  return i < 0 ? 0 : i;
}

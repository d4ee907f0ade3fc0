import type { Outcome } from '../../../shared/domain/sync.js';

/** The six outcomes in the order every screen and the report list them. */
export const OUTCOMES: readonly Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'];

/** Mantine colour per outcome (bars use shade 6; badges use dark text on the light shade). */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'gray',
  skipped: 'yellow',
  keptStatus: 'grape',
  failed: 'red',
};

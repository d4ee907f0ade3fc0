import { ELIGIBILITY_REASONS, type Client, type EligibilityReason } from '../../shared/domain/client.js';

export type Eligibility = { eligible: boolean; reasons: EligibilityReason[] };

/**
 * The verdict of Barsy 8.5.2 for one client: the reasons stored at import time plus `group_not_mapped`
 * when the client's group has no Maillist group (interest) in the current audience. Pure: the sync
 * engine, `clients:list` and the import summary all call this one function. Reasons come in the fixed
 * order of `ELIGIBILITY_REASONS`.
 */
export function eligibilityOf(client: Pick<Client, 'group' | 'reasons'>, mappedGroups: ReadonlySet<string>): Eligibility {
  const groupMapped = mappedGroups.has(client.group);
  if (groupMapped && client.reasons.length === 0) return { eligible: true, reasons: [] };
  const reasons = ELIGIBILITY_REASONS.filter((r) => (r === 'group_not_mapped' ? !groupMapped : client.reasons.includes(r)));
  return { eligible: false, reasons };
}

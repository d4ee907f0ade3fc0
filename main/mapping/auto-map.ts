import { FIELD_SYNONYMS, fieldOfHeader } from '../import/headers.js';
import type { ClientField } from '../../shared/domain/client.js';
import type { Interest, MergeField } from '../mailchimp/mailchimp-api.js';
import type { MergeSource } from '../import/client-store.js';
import { TEXT_TYPE } from './audience-structure.js';
import { normalizeName } from './normalize-name.js';

/** A TEXT merge field with one of these names receives every representative field (Barsy's "Column in mailchimp" convention). */
const REPRESENTATIVE_FIELD_NAMES = ['представители', 'представител', 'representatives', 'representative', 'контакти', 'contacts'].map(normalizeName);

/** The interest a Barsy group matches by normalised name, if exactly one does. */
export function matchInterest(group: string, interests: readonly Interest[]): Interest | undefined {
  const key = normalizeName(group);
  const hits = interests.filter((i) => normalizeName(i.name) === key);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Every name a source goes by: the source itself, and for a known client field its synonyms (`company` = "Фирма"). */
function namesOf(s: Pick<MergeSource, 'source' | 'origin'>): string[] {
  if (s.origin === 'representative') return [s.source];
  const field = (s.origin === 'client' ? s.source : fieldOfHeader(s.source)?.field) as ClientField | undefined;
  return [s.source, ...(field && field in FIELD_SYNONYMS ? [field, ...FIELD_SYNONYMS[field]] : [])];
}

/**
 * The TEXT merge field a source matches: same normalised name or tag (synonyms of known Barsy fields
 * count), else, for a representative field, the audience's "Представители" field. Only an unambiguous
 * match counts; `name` and `email` are never auto-mapped (the name goes to FNAME/LNAME by default,
 * the email is the member's identity).
 */
export function matchMergeField(s: Pick<MergeSource, 'source' | 'origin'>, fields: readonly MergeField[]): MergeField | undefined {
  if (s.origin === 'client' && (s.source === 'name' || s.source === 'email')) return undefined;
  const text = fields.filter((f) => f.type === TEXT_TYPE && f.tag !== 'FNAME' && f.tag !== 'LNAME');
  const keys = new Set(namesOf(s).map(normalizeName));
  const hits = text.filter((f) => keys.has(normalizeName(f.name)) || keys.has(normalizeName(f.tag)));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1 || s.origin !== 'representative') return undefined;
  const reps = text.filter((f) => REPRESENTATIVE_FIELD_NAMES.includes(normalizeName(f.name)));
  return reps.length === 1 ? reps[0] : undefined;
}

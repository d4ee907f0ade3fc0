/**
 * Headers as words, so a column is recognised by what it says rather than by one exact spelling:
 * "Код клиент", "Клиент код", "client_code" and "Kод на клиента" (Latin K) all say CODE + CLIENT.
 */

/** Ideas a header word can carry. */
export type Concept =
  | 'client' | 'id' | 'code' | 'name' | 'company' | 'email' | 'group' | 'subscribe' | 'deleted' | 'phone' | 'town'
  | 'address' | 'mol' | 'bulstat' | 'vat' | 'update' | 'number' | 'kind' | 'representative' | 'field' | 'value';

/**
 * Words (and phrases, space-separated) per concept, in Bulgarian, English and Barsy's API names.
 * Cyrillic words of four letters or more also match their inflections (клиент → клиента, клиентска).
 */
const VOCABULARY: Record<Concept, string[]> = {
  client: ['клиент', 'client', 'customer', 'клиенти', 'clients', 'customers', 'контрагент'],
  id: ['id', 'ид', 'идентификатор', 'identifier', 'уникален номер'],
  code: ['код', 'кода', 'code', 'шифър'],
  name: ['име', 'имена', 'наименование', 'name', 'names', 'fullname', 'пълно име', 'трите имена'],
  company: ['фирм', 'company', 'firm', 'юридическо лице', 'организация', 'organisation', 'organization'],
  email: ['email', 'emails', 'mail', 'имейл', 'имейли', 'емейл', 'мейл', 'ел поща', 'електронна поща', 'e mail', 'е мейл', 'emailaddress'],
  group: ['груп', 'group', 'groups', 'категория', 'category'],
  subscribe: [
    'абонамент', 'абонаменти', 'абониран', 'абонирана', 'абонирани', 'абонат', 'subscribed', 'subscribe', 'subscription', 'subscriber',
    'maillist', 'mailinglist', 'mail list', 'mailing list', 'ml', 'newsletter', 'бюлетин', 'бюлетина',
  ],
  deleted: ['изтрит', 'изтрити', 'deleted', 'delete', 'removed', 'заличен', 'архивиран'],
  phone: ['телефон', 'тел', 'phone', 'telephone', 'tel', 'gsm', 'мобилен', 'mobile', 'телефонен'],
  town: ['град', 'гр', 'town', 'city', 'населено място', 'нас място', 'място'],
  address: ['адрес', 'address', 'addr', 'улица', 'street'],
  mol: ['мол', 'mol'],
  bulstat: ['булстат', 'bulstat', 'еик', 'eik', 'uic'],
  vat: ['ддс', 'vat', 'vat num', 'vatnum'],
  update: ['промяна', 'обновен', 'обновяване', 'update', 'updated', 'modified', 'changed', 'актуализация', 'редакция'],
  number: ['номер', 'номера', '№', 'no', 'nr', 'num', 'number', '#'],
  kind: ['вид', 'вида', 'тип', 'типа', 'kind', 'type', 'роля', 'role'],
  representative: ['представител', 'representative', 'rep', 'лице за контакт', 'contact person'],
  field: ['поле', 'field', 'данни', 'атрибут', 'attribute'],
  value: ['стойност', 'value', 'values'],
};

/** Words that carry no meaning in a header: prepositions, articles, flag hints like "(Да/Не)". */
const STOP_WORD_LIST = ['на', 'за', 'от', 'по', 'и', 'в', 'of', 'the', 'for', 'and', 'да', 'не', 'yes', 'flag', 'last', 'последна', 'дата', 'date'];

/**
 * Cyrillic letters that look like Latin ones, folded to one form on both sides of a comparison, so a
 * header typed with a few letters of the other alphabet ("Kод", "Еmail") reads the same.
 */
const FOLD: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ё: 'e',
};

function fold(word: string): string {
  let out = '';
  for (const ch of word) out += FOLD[ch] ?? ch;
  return out;
}

const STOP_WORDS = new Set(STOP_WORD_LIST.map(fold));

/** A header word: folded text, and whether it was written as an abbreviation (`Тел.`). */
export type Token = { text: string; abbreviated: boolean; cyrillic: boolean };

/**
 * Splits a header into words: camelCase and snake_case split, hyphens inside a word dropped (`E-mail`),
 * brackets and punctuation separate words, `№` and `#` are words of their own, case and look-alike
 * letters folded. A word followed by a dot is an abbreviation.
 */
export function tokenise(header: string): Token[] {
  const spaced = header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .replace(/(\p{L})[-‐–](\p{L})/gu, '$1$2')
    .replace(/([№#])/gu, ' $1 ');
  const tokens: Token[] = [];
  const re = /([\p{L}\p{N}]+|[№#])(\.)?/gu;
  for (let m = re.exec(spaced); m; m = re.exec(spaced)) {
    const word = m[1]!;
    tokens.push({ text: fold(word), abbreviated: m[2] === '.' && word.length >= 2, cyrillic: /\p{Script=Cyrillic}/u.test(word) });
  }
  return tokens;
}

type Entry = { concept: Concept; words: Array<{ text: string; stem: boolean }> };

/** Phrases first (longest first), so "mail list" is SUBSCRIBE before "mail" can be EMAIL. */
const ENTRIES: Entry[] = Object.entries(VOCABULARY)
  .flatMap(([concept, list]) =>
    list.map((phrase) => ({
      concept: concept as Concept,
      words: phrase.split(' ').map((w) => ({ text: fold(w), stem: /\p{Script=Cyrillic}/u.test(w) && [...w].length >= 4 })),
    })),
  )
  .sort((a, b) => b.words.length - a.words.length);

/** Does one header word say this vocabulary word: exactly, inflected, in the plural, or abbreviated? */
function wordMatches(token: Token, word: { text: string; stem: boolean }, abbreviations: boolean): boolean {
  const t = token.text;
  if (t === word.text) return true;
  if (word.stem && t.startsWith(word.text) && t.length - word.text.length <= 4) return true;
  if (!token.cyrillic && t === `${word.text}s`) return true;
  return abbreviations && token.abbreviated && word.text.startsWith(t);
}

/** The concepts a header carries (each once); words that carry none are ignored. */
export function conceptsOf(header: string): Set<Concept> {
  const tokens = tokenise(header).filter((t) => !STOP_WORDS.has(t.text));
  const found = new Set<Concept>();
  const used = new Array<boolean>(tokens.length).fill(false);
  // Whole words first, so an abbreviation (`Гр.`) only takes a meaning no whole word claimed.
  for (const abbreviations of [false, true]) {
    for (const entry of ENTRIES) {
      const n = entry.words.length;
      for (let i = 0; i + n <= tokens.length; i++) {
        let hit = true;
        for (let k = 0; k < n && hit; k++) hit = !used[i + k] && wordMatches(tokens[i + k]!, entry.words[k]!, abbreviations);
        if (!hit) continue;
        found.add(entry.concept);
        for (let k = 0; k < n; k++) used[i + k] = true;
      }
    }
  }
  return found;
}

/**
 * How a role is recognised: the concepts that name it (with their weight), and the concepts that may
 * come with it at no cost ("Email на клиент", "Име на фирма"). Any other concept in the header lowers
 * the score by its weight, so "group_name" is a group, not a name.
 */
export type RoleSpec = { heads: Partial<Record<Concept, number>>; free?: Partial<Record<Concept, number>> };

/** The weight a concept has when it is not expected: strong ideas count 3, modifiers less. */
const WEIGHT: Record<Concept, number> = {
  client: 1, id: 3, code: 3, name: 2, company: 3, email: 3, group: 3, subscribe: 3, deleted: 3, phone: 3, town: 3, address: 3,
  mol: 3, bulstat: 3, vat: 3, update: 3, number: 1.5, kind: 3, representative: 1, field: 3, value: 3,
};

/** A header's score for a role: > 0 means the header could be it; higher is surer. */
export function scoreRole(concepts: ReadonlySet<Concept>, spec: RoleSpec): number {
  let score = 0;
  let named = false;
  for (const c of concepts) {
    const head = spec.heads[c];
    if (head !== undefined) {
      score += head;
      named = true;
    } else score -= spec.free?.[c] ?? WEIGHT[c];
  }
  return named ? score : 0;
}

/** One role's chosen column, or why none could be chosen. */
export type RoleChoice<R extends string> = { role: R; index: number; score: number };
export type RoleAmbiguity<R extends string> = { role: R; candidates: number[] };

/**
 * The best unambiguous assignment of roles to columns: highest scores first, each column and each role
 * used once. When the best remaining score of a role is shared by two free columns, neither is taken
 * and the role is reported as ambiguous with its candidates. Roles earlier in `specs` win exact ties
 * on one column.
 */
export function assignRoles<R extends string>(headers: string[], specs: ReadonlyArray<[R, RoleSpec]>): { chosen: RoleChoice<R>[]; ambiguous: RoleAmbiguity<R>[] } {
  const concepts = headers.map(conceptsOf);
  const cells: Array<{ role: R; rank: number; index: number; score: number }> = [];
  specs.forEach(([role, spec], rank) =>
    headers.forEach((h, index) => {
      if (h.trim() === '') return;
      const score = scoreRole(concepts[index]!, spec);
      if (score > 0) cells.push({ role, rank, index, score });
    }),
  );
  cells.sort((a, b) => b.score - a.score || a.rank - b.rank || a.index - b.index);
  const takenCols = new Set<number>();
  const doneRoles = new Set<R>();
  const chosen: RoleChoice<R>[] = [];
  const ambiguous: RoleAmbiguity<R>[] = [];
  for (const cell of cells) {
    if (doneRoles.has(cell.role) || takenCols.has(cell.index)) continue;
    const rivals = cells.filter((c) => c.role === cell.role && c.score === cell.score && !takenCols.has(c.index));
    doneRoles.add(cell.role);
    if (rivals.length > 1) {
      ambiguous.push({ role: cell.role, candidates: rivals.map((c) => c.index) });
      continue;
    }
    takenCols.add(cell.index);
    chosen.push({ role: cell.role, index: cell.index, score: cell.score });
  }
  return { chosen, ambiguous };
}

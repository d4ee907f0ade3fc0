/**
 * Cyrillic letters that look like Latin ones (Bulgarian keyboards make mixed-script names easy to type:
 * "VIP Kлиенти" with a Latin K). Both sides of a comparison are folded to the Latin look-alike, so
 * two names match when they LOOK the same; this is not a transliteration.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
};

/**
 * The key two group/interest or field names are compared by: Unicode-normalised, lower-cased, with
 * invisible characters removed, runs of spaces/underscores/dashes collapsed to one space, trimmed, and
 * Cyrillic look-alike letters folded to Latin.
 */
export function normalizeName(name: string): string {
  const base = name
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .toLowerCase()
    .replace(/[\s_\-–—]+/gu, ' ')
    .trim();
  let out = '';
  for (const ch of base) out += LOOKALIKES[ch] ?? ch;
  return out;
}

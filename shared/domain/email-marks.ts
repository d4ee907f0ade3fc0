/**
 * An email refused for look-alike or invisible characters, split so the characters can be marked: the
 * owner sees `stо[у]an` and the corrected address beside it, instead of an address that looks right.
 * Pure (no Node, no DOM): the report's CSV, HTML and text, the CLI and the app's tables all use it.
 */
export type EmailPart = { text: string; marked: boolean; hint: string };

/**
 * Characters that show as nothing (zero-width space and joiners, soft hyphen, word joiner, variation
 * selectors, BOM, Hangul fillers) or reorder what is shown (bidirectional marks, embeddings, overrides,
 * isolates). Pasted from web pages and chat apps, they make an address that looks right and never
 * delivers, or looks like another one. Ranges of code points (a regex class would hold combining marks).
 */
const INVISIBLE_RANGES: ReadonlyArray<[number, number]> = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f],
  [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

/** True for one invisible character (see `INVISIBLE_RANGES`). */
export function isInvisible(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([lo, hi]) => c >= lo && c <= hi);
}

/** Does the text hold any invisible character? */
export function hasInvisible(text: string): boolean {
  for (const ch of text) if (isInvisible(ch)) return true;
  return false;
}

/** The text without its invisible characters. */
export function withoutInvisible(text: string): string {
  let out = '';
  for (const ch of text) if (!isInvisible(ch)) out += ch;
  return out;
}

/** `U+200B`: how an invisible character is written out. */
export const codeOf = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The address in parts, the suspect characters marked: with a correction (`suggestion`), every character
 * that is not plain ASCII — a Cyrillic look-alike, an invisible character — is marked, with a hint
 * naming it. Without a correction the address is one unmarked part.
 */
export function emailParts(email: string, suggestion: string | null | undefined): EmailPart[] {
  if (!suggestion) return [{ text: email, marked: false, hint: '' }];
  const parts: EmailPart[] = [];
  for (const ch of email) {
    const suspect = ch.charCodeAt(0) > 0x7f;
    const hint = !suspect ? '' : isInvisible(ch) ? `${codeOf(ch)} (invisible)` : `${codeOf(ch)} «${ch}»`;
    const last = parts[parts.length - 1];
    if (last && !suspect && !last.marked) last.text += ch;
    else parts.push({ text: ch, marked: suspect, hint });
  }
  return parts;
}

/** The address as plain text with suspect characters in brackets: `sto⟦у⟧an`, `iv⟦U+200B⟧an` (CSV, text, CLI). */
export function markedEmailText(email: string, suggestion: string | null | undefined): string {
  return emailParts(email, suggestion)
    .map((p) => (p.marked ? `⟦${isInvisible(p.text) ? codeOf(p.text) : p.text}⟧` : p.text))
    .join('');
}

/** Mailchimp keeps at most 255 bytes of UTF-8 in a text merge field and silently clips the rest. */
export const MERGE_TEXT_LIMIT_BYTES = 255;

/** Bytes a string takes in UTF-8. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export type Truncated = { value: string; originalBytes: number; cut: boolean };

/**
 * Cuts `text` to at most `limit` UTF-8 bytes without splitting a character (a code point, so a
 * surrogate pair is never halved). About 127 Cyrillic letters fit in 255 bytes.
 */
export function truncateUtf8(text: string, limit = MERGE_TEXT_LIMIT_BYTES): Truncated {
  const originalBytes = utf8Bytes(text);
  if (originalBytes <= limit) return { value: text, originalBytes, cut: false };
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > limit) break;
    bytes += size;
    end += ch.length;
  }
  // A cut in the middle of "a, b" would leave a dangling separator; trailing spaces/commas are noise.
  const value = text.slice(0, end).replace(/[\s,;]+$/u, '');
  return { value, originalBytes, cut: true };
}

/** How people type yes/no in a Barsy export or an Excel sheet (any case, surrounding spaces ignored). */
const TRUE_WORDS = new Set(['да', 'д', '1', 'yes', 'y', 'true', 'x', 'х', '+', '✓', '✔', 'истина', 'on', 'вярно']);
const FALSE_WORDS = new Set(['не', 'н', '0', 'no', 'n', 'false', '', '-', 'неистина', 'лъжа', 'off', 'невярно']);

/**
 * `Да/Не`, `1/0`, `yes/no`, `true/false`, `x`/empty (Latin or Cyrillic х), Bulgarian Excel's
 * `ИСТИНА/НЕИСТИНА`. Anything else is `undefined`: the caller warns and picks the value that does not sync.
 */
export function parseFlag(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

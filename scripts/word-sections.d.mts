/** Types of scripts/word-sections.mjs (a plain script the CLI build runs under Node, tested from TypeScript). */
export type KeyOrigin = { key: string; file: string; name: string; spread: boolean };
export function catalogueLayout(catalogueDir: string, lang: string): { files: string[]; keys: KeyOrigin[] } | null;

/** Types of scripts/lazy-schemas.mjs (a plain script the CLI build runs under Node, tested from TypeScript). */
export function lazySchemaSource(source: string, fileName: string, helperPath: string): { code: string; lazy: string[] } | null;

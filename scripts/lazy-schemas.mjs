// The CLI build's rewrite of the zod schemas in shared/ (the IPC contract and the domain files) so that
// each is built on first use: see lazySchemaSource. Used by scripts/build-cli.mjs; the app and the tests
// of the sources use the files as written.
import ts from 'typescript';

const HELPERS = ['lazyObject', 'lazyRecord'];

/** The expression under `as …`, `satisfies …` and parentheses. */
function unwrap(node) {
  let n = node;
  while (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
}

/** The identifier a chain like `z.object({…}).strict()` or `fooSchema.extend({…})` starts from. */
function rootName(node) {
  let n = unwrap(node);
  for (;;) {
    if (ts.isCallExpression(n) || ts.isPropertyAccessExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
    else if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n)) n = n.expression;
    else break;
  }
  return ts.isIdentifier(n) ? n.text : undefined;
}

/**
 * True for a chain that makes a zod schema: it starts at `z` or at a schema of this file or another
 * (named `…Schema`, the project's convention), and, when it starts at a schema, ends in a call (a
 * schema's method), not in a property read such as `fooSchema.options`, which is a plain array.
 */
function isSchemaChain(node, lazyNames) {
  const n = unwrap(node);
  const root = rootName(n);
  if (root === 'z') return ts.isCallExpression(n);
  if (root !== undefined && (lazyNames.has(root) || /Schema$/.test(root))) return ts.isCallExpression(n);
  return false;
}

/** An object literal of plain `key: value` entries (no spread, method, getter or computed key). */
function plainEntries(obj) {
  const entries = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || ts.isComputedPropertyName(p.name)) return null;
    entries.push(p);
  }
  return entries;
}

/**
 * Rewrites a shared/ file's top-level `const`s that hold zod schemas so that each is built on first use:
 * - `const fooSchema = z.…` (or `= barSchema.…()`) becomes `const fooSchema = lazyObject(() => (z.…))`;
 * - `const channels = { 'a:b': { request, response }, … }` (an object literal with schemas inside)
 *   becomes `lazyRecord({ 'a:b': () => ({ … }), … })`: its keys are there at once, each value is built
 *   when first read.
 * Everything else (`fooSchema.options`, `Object.keys(…)`, numbers, sets) stays as it is, and is evaluated
 * at load as before (building the schema it reads, if any). Returns null when nothing is rewritten.
 * `helperPath` is where main/cli/lazy-values.ts is (imported under names that cannot clash).
 */
export function lazySchemaSource(source, fileName, helperPath) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lazyNames = new Set();
  const edits = [];
  let lastImportEnd = 0;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) lastImportEnd = stmt.getEnd();
    if (!ts.isVariableStatement(stmt) || !(stmt.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const decl of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const name = decl.name.text;
      const init = decl.initializer;
      const core = unwrap(init);
      if (ts.isObjectLiteralExpression(core)) {
        const entries = plainEntries(core);
        if (!entries || !/\bz\./.test(core.getText(sf))) continue;
        const body = entries.map((p) => `${p.name.getText(sf)}: () => (${p.initializer.getText(sf)})`).join(',\n');
        edits.push({ start: core.getStart(sf), end: core.getEnd(), text: `__lazyRecord({\n${body}\n})` });
        lazyNames.add(name);
      } else if (isSchemaChain(core, lazyNames)) {
        edits.push({ start: init.getStart(sf), end: init.getEnd(), text: `__lazyObject(() => (${init.getText(sf)}))` });
        lazyNames.add(name);
      }
    }
  }
  if (edits.length === 0) return null;
  let code = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  const helpers = `\nimport { ${HELPERS.map((h) => `${h} as __${h}`).join(', ')} } from ${JSON.stringify(helperPath)};\n`;
  return { code: code.slice(0, lastImportEnd) + helpers + code.slice(lastImportEnd), lazy: [...lazyNames] };
}

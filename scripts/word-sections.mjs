// Which file of a language's catalogue holds each top-level key, read from the sources (no evaluation):
// the CLI build loads one section of words at a time (see lazyWords in scripts/build-cli.mjs).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The object literal a file exports as `name` (`export const name[: T] = { … }`), or null. */
function exportedObject(sf, name) {
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt) || !stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && ts.isObjectLiteralExpression(d.initializer)) return d.initializer;
    }
  }
  return null;
}

/** The names of an object literal's plain entries, or null if it has anything else (a spread, a computed key). */
function plainKeys(obj, sf) {
  const keys = [];
  for (const p of obj.properties) {
    if ((!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) || ts.isComputedPropertyName(p.name)) return null;
    keys.push(ts.isStringLiteral(p.name) ? p.name.text : p.name.getText(sf));
  }
  return keys;
}

const parse = (file) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/**
 * The layout of `shared/i18n/catalogue/<lang>/index.ts`, which composes the catalogue as
 * `export const <lang> = { ...sectionA, ...sectionB, named, … }` from its section files:
 * `{ files, keys }` where `files` are the section files (relative to the catalogue folder, without `.ts`)
 * and each of `keys` is `{ key, file, name, spread }` — the top-level key, the file, the export it comes
 * from, and whether it is one key of that export (spread) or the export itself. A later entry wins, as
 * in the spread. Null when the index or a section reads any other way (the build then keeps the words
 * together, as written).
 */
export function catalogueLayout(catalogueDir, lang) {
  const index = parse(path.join(catalogueDir, 'index.ts'));
  const from = new Map();
  for (const stmt of index.statements) {
    if (!ts.isImportDeclaration(stmt) || stmt.importClause?.isTypeOnly) continue;
    const source = stmt.moduleSpecifier.text;
    if (!/^\.\/[\w-]+\.js$/.test(source)) return null;
    for (const spec of stmt.importClause?.namedBindings?.elements ?? []) {
      if (!spec.isTypeOnly) from.set(spec.name.text, { file: source.slice(2, -3), name: (spec.propertyName ?? spec.name).text });
    }
  }
  const catalogue = exportedObject(index, lang);
  if (!catalogue) return null;
  const keys = new Map();
  const files = new Set();
  for (const p of catalogue.properties) {
    if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression)) {
      const origin = from.get(p.expression.text);
      const obj = origin && exportedObject(parse(path.join(catalogueDir, `${origin.file}.ts`)), origin.name);
      const own = obj && plainKeys(obj, obj.getSourceFile());
      if (!own) return null;
      for (const key of own) keys.set(key, { key, file: origin.file, name: origin.name, spread: true });
      files.add(origin.file);
    } else if (ts.isShorthandPropertyAssignment(p) && from.has(p.name.text)) {
      const origin = from.get(p.name.text);
      keys.set(p.name.text, { key: p.name.text, file: origin.file, name: origin.name, spread: false });
      files.add(origin.file);
    } else {
      return null;
    }
  }
  return { files: [...files], keys: [...keys.values()] };
}

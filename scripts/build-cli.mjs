// Builds the CLI into plain JavaScript (out/bin/), so `barsy-sync` starts without compiling TypeScript,
// and links it as node_modules/.bin/barsy-sync, so `npx barsy-sync` finds it the fast way. Runs on
// `npm install` / `npm ci` (the `prepare` script) and on `npm run build:cli`. Commands are separate
// chunks, loaded only when that command runs. bin/barsy-sync.cjs (the launcher) runs the sources instead while any
// file this build read is newer than the build (out/bin/inputs.json lists them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { lazySchemaSource } from './lazy-schemas.mjs';
import { catalogueLayout } from './word-sections.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = path.join(root, 'out', 'bin');
const NAME = 'barsy-sync';
const ZOD_NAMED_IMPORT = /^import \{ z \} from 'zod';(?=\r?$)/gm;

/**
 * npm packages stay in node_modules (better-sqlite3 is native), except zod, which is bundled so that
 * only the parts the CLI uses are loaded: `import { z } from 'zod'` is read as the equivalent
 * `import * as z from 'zod'` (zod's own recommended form), which lets esbuild drop the rest of zod
 * (its 50 locales, JSON Schema, …) — compiling all of it cost a third of `barsy-sync runs`' start.
 * JSON files are bundled, because Node refuses a JSON import without `with { type: 'json' }`, which
 * bundlers drop from external imports. chokidar and readdirp are bundled because they are ES modules
 * only, which the CommonJS build (see `toCommonJs`) cannot `require` on Node 20.
 */
const BUNDLED = ['zod', 'chokidar', 'readdirp', 'commander'];
const packages = {
  name: 'packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.endsWith('.json') || BUNDLED.some((p) => args.path === p || args.path.startsWith(`${p}/`)) ? undefined : { path: args.path, external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { contents: fs.readFileSync(args.path, 'utf8').replace(ZOD_NAMED_IMPORT, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

/**
 * Node built-ins that few commands use but whose loading is a good part of a short command's start:
 * crypto (~4 ms; the secret cipher seals and opens secrets with it) and child_process (~3 ms; commander
 * needs it only for executable subcommands, which the CLI has none of). Each is bundled as a stand-in
 * that requires the real module when first used: its default export forwards every property read, and
 * each named export is a function calling the real one. Only the module's functions are named exports,
 * so importing anything else by name fails the build instead of behaving differently.
 */
const LAZY_BUILTINS = ['crypto', 'child_process'];
const LAZY = 'lazy-builtin';
const lazyBuiltins = {
  name: LAZY,
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      args.namespace === LAZY ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: LAZY },
    );
    b.onLoad({ filter: /.*/, namespace: LAZY }, async (args) => {
      const real = (await import(`node:${args.path}`)).default;
      const names = Object.keys(real).filter((k) => typeof real[k] === 'function' && /^[A-Za-z_$][\w$]*$/.test(k));
      const forward = (trap) => `${trap}: (_, ...a) => Reflect.${trap}(load(), ...a)`;
      const contents = [
        `let real;`,
        `const load = () => (real ??= require('node:${args.path}'));`,
        `export default new Proxy({}, { ${['get', 'has', 'ownKeys'].map(forward).join(', ')},`,
        `  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; } });`,
        ...names.map((n) => `export function ${n}(...args) { return load().${n}(...args); }`),
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

/**
 * better-sqlite3 with its native addon found once, here, rather than at every start: `bindings` (which
 * better-sqlite3 asks by default) works out its caller from a stack trace and tries paths one by one,
 * ~3–5 ms of `barsy-sync runs`. Every `import Database from 'better-sqlite3'` of the build gets the class
 * from main/cli/native-binding.ts, which passes the file found here as `nativeBinding` (a path relative
 * to the chunks, so the project may move). With the file found, better-sqlite3's JavaScript (13 small
 * files Node would resolve, read and compile at every start, ~6 ms) is bundled into a chunk, with the
 * code cache; should the file not load at run time, the package as installed (`better-sqlite3/lib/index.js`,
 * not bundled) does its own search. Without it (the addon not built yet) the package stays external.
 */
const SQLITE = 'sqlite-native-binding';
function sqliteBinding(outDir) {
  let rel;
  try {
    const chunks = path.join(outDir, 'chunks');
    const pkg = path.dirname(createRequire(path.join(chunks, 'index.js')).resolve('better-sqlite3/package.json'));
    const bindings = createRequire(path.join(pkg, 'package.json'))('bindings');
    rel = path.relative(chunks, bindings({ bindings: 'better_sqlite3.node', module_root: pkg, path: true }));
  } catch {
    rel = undefined; // not built yet: the CLI leaves the search to better-sqlite3, as before
  }
  return {
    name: SQLITE,
    setup(b) {
      b.onResolve({ filter: /^better-sqlite3$/ }, (args) => {
        if (args.namespace !== SQLITE) return { path: args.path, namespace: SQLITE };
        return rel === undefined ? { path: args.path, external: true } : { path: createRequire(path.join(root, 'package.json')).resolve('better-sqlite3') };
      });
      b.onLoad({ filter: /.*/, namespace: SQLITE }, () => ({
        contents: [
          "import Database from 'better-sqlite3';",
          "import { withNativeBinding } from './main/cli/native-binding.ts';",
          rel === undefined
            ? 'export default withNativeBinding(Database, undefined);'
            : [
                "import path from 'node:path';",
                `export default withNativeBinding(Database, path.join(__dirname, ${JSON.stringify(rel)}), () => require('better-sqlite3/lib/index.js'));`,
              ].join('\n'),
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * The words a command uses, one section of one language at a time: shared/i18n/translate.ts imports both
 * whole catalogues (the app's screens switch language at once), ~4 ms (English) to ~7 ms (Bulgarian) of a
 * short command's start. In the CLI build each section file of each catalogue (`run-words`, `errors`,
 * `cli`, the screens' …) is a chunk of its own (`chunks/words-bg-run-words.js`, …, extra entry points),
 * and the catalogue translate.ts looks words up in has one getter per top-level key, which requires that
 * key's section the first time it is read (scripts/word-sections.mjs reads which file holds which key
 * from the catalogue's index). English still falls back to Bulgarian word by word. Should translate.ts
 * or a catalogue's index no longer read as expected, the build keeps them as written (both catalogues
 * at start) with a warning.
 */
const WORDS = 'lazy-words';
const LANGS = ['bg', 'en'];
const catalogueDir = (lang) => path.join(root, 'shared', 'i18n', 'catalogue', lang);
const layouts = Object.fromEntries(LANGS.map((lang) => [lang, catalogueLayout(catalogueDir(lang), lang)]));
const sectioned = LANGS.every((lang) => layouts[lang] !== null);
const wordChunk = (lang, file) => `words-${lang}-${file}`;
const WORD_ENTRIES = sectioned
  ? LANGS.flatMap((lang) => layouts[lang].files.map((file) => ({ in: `shared/i18n/catalogue/${lang}/${file}.ts`, out: `chunks/${wordChunk(lang, file)}` })))
  : [];

/** translate.ts's catalogues, as the CLI build has them: a getter per key, loading its section. */
function sectionedCatalogues() {
  const lines = ['type Section = () => Record<string, unknown>;'];
  for (const lang of LANGS) {
    const { files, keys } = layouts[lang];
    lines.push(`const ${lang}Files: Record<string, Section> = {`);
    for (const file of files) lines.push(`  ${JSON.stringify(file)}: () => require(${JSON.stringify(`./${wordChunk(lang, file)}.js`)}) as Record<string, unknown>,`);
    lines.push('};');
    lines.push(`const ${lang}Keys: Array<[string, string, string, boolean]> = ${JSON.stringify(keys.map((k) => [k.key, k.file, k.name, k.spread]))};`);
  }
  lines.push(
    'function sectioned(files: Record<string, Section>, keys: Array<[string, string, string, boolean]>): Catalogue {',
    '  const catalogue: Record<string, unknown> = {};',
    '  for (const [key, file, name, spread] of keys) {',
    '    Object.defineProperty(catalogue, key, {',
    '      enumerable: true,',
    '      configurable: true,',
    '      get() {',
    '        const exported = files[file]!()[name] as Record<string, unknown>;',
    '        const value = spread ? exported[key] : exported;',
    '        Object.defineProperty(catalogue, key, { value, enumerable: true, configurable: true });',
    '        return value;',
    '      },',
    '    });',
    '  }',
    '  return catalogue as Catalogue;',
    '}',
    'const loaded: Partial<Record<Language, Catalogue>> = {};',
    'const catalogues = {',
    ...LANGS.map((lang) => `  get ${lang}(): Catalogue { return (loaded.${lang} ??= sectioned(${lang}Files, ${lang}Keys)); },`),
    '} as Record<Language, Catalogue>;',
  );
  return lines.join('\n');
}

const EAGER_WORDS = [
  ["import { bg, type Catalogue } from './catalogue/bg/index.js';\nimport { en } from './catalogue/en/index.js';", "import type { Catalogue } from './catalogue/bg/index.js';"],
  ['const catalogues: Record<Language, Catalogue> = { bg, en };', sectioned ? sectionedCatalogues() : ''],
];
const lazyWords = {
  name: WORDS,
  setup(b) {
    b.onResolve({ filter: /^\.\/words-(bg|en)-[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /[\\/]shared[\\/]i18n[\\/]translate\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8').replace(/\r\n/g, '\n');
      if (!sectioned || !EAGER_WORDS.every(([eager]) => source.includes(eager))) {
        const text = 'translate.ts or a catalogue index changed: both catalogues load at start (see lazyWords in scripts/build-cli.mjs)';
        return { contents: source, loader: 'ts', warnings: [{ text }] };
      }
      return { contents: EAGER_WORDS.reduce((code, [eager, lazy]) => code.replace(eager, lazy), source), loader: 'ts' };
    });
  },
};

/**
 * The IPC contract and the shared domain schemas, each built on first use (scripts/lazy-schemas.mjs,
 * main/cli/lazy-values.ts): a short command builds the schemas of the channels it calls, not all ~600
 * at start (with the garbage it left, ~15 ms of `barsy-sync runs`' own ~90 ms, measured side by side). The
 * dispatcher validates as before; only when a schema is built changes.
 */
const LAZY_SCHEMA_FILES = /[\\/]shared[\\/](ipc-contract|domain[\\/][\w-]+)\.ts$/;
const lazySchemas = {
  name: 'lazy-schemas',
  setup(b) {
    b.onLoad({ filter: LAZY_SCHEMA_FILES }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const lazy = lazySchemaSource(source, args.path, path.join(root, 'main', 'cli', 'lazy-values.ts'));
      return { contents: (lazy?.code ?? source).replace(ZOD_NAMED_IMPORT, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

const IMPORT_META_URL = '__barsyImportMetaUrl';

/**
 * esbuild's CommonJS exports of a chunk are a copy of its export object whose every property is a getter
 * reading the original's getter: two calls for each use of another chunk's export (zod's `z.object`, …,
 * thousands at start). The export object itself, marked as converted ESM, serves the same live bindings
 * with one call. Left as esbuild wrote it if its helper ever reads differently.
 */
const COPIED_EXPORTS = 'var __toCommonJS=mod=>__copyProps(__defProp({},"__esModule",{value:true}),mod);';
const OWN_EXPORTS = 'var __toCommonJS=mod=>__defProp(mod,"__esModule",{value:true});';

/**
 * Rewrites every chunk of the (split, ESM) build as a CommonJS module: Node 20 loads a chunk through
 * `require` in a fraction of what its ES module loader spends per module (an asynchronous job per
 * file, linking, and a CommonJS facade for each package), about 20 ms of `barsy-sync runs`. esbuild
 * splits only ESM output, hence the second pass; `import()` of a chunk or a package becomes a
 * `require` in a promise (same laziness), `import.meta.url` the chunk's own file URL and
 * `import.meta.dirname` its folder.
 */
async function toCommonJs(dir, plain) {
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'));
  await Promise.all(
    files.map(async (rel) => {
      const file = path.join(dir, rel);
      const code = fs.readFileSync(file, 'utf8');
      const usesUrl = code.includes('import.meta.url');
      const out = await transform(code, {
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        sourcefile: rel,
        supported: { 'dynamic-import': false },
        charset: 'ascii',
        // Without comments (esbuild keeps doc comments, and with them non-ASCII characters) and indentation:
        // less to read and decode at every start. Names stay, for stack traces in the logs.
        minifyWhitespace: true,
        define: { 'import.meta.dirname': '__dirname', ...(usesUrl ? { 'import.meta.url': IMPORT_META_URL } : {}) },
        ...(usesUrl ? { banner: `var ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;` } : {}),
      });
      const cjs = out.code.replace(COPIED_EXPORTS, OWN_EXPORTS);
      // A chunk is stored as the function Node would wrap it in (main/cli/code-cache.ts compiles it as it
      // is): no copy of every chunk's source joined to the wrapper at each start, for V8 to collect. Not
      // main.js and the chunks it requires before it installs that loader: Node loads those.
      fs.writeFileSync(file, plain.has(rel) ? cjs : Module.wrap(cjs));
    }),
  );
}

/** main.js and the chunks it requires statically, directly or not (relative to `dir`): Node loads them. */
function loadedByNode(metafile, dir) {
  const rel = (out) => path.relative(dir, path.join(root, out));
  const entry = Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === 'main/cli/main.ts');
  const seen = new Set([entry]);
  for (const out of seen) for (const i of metafile.outputs[out].imports) if (i.kind === 'import-statement' && !i.external) seen.add(i.path);
  return new Set([...seen].map(rel));
}

/**
 * Writes V8's code cache of the chunks (main/cli/code-cache.ts) by running the new build the way users
 * do: `runs` (in English and in Bulgarian) on a database in a temporary folder holding one demo run, then
 * `--help`, which loads every command's chunk, then an error in English and in Bulgarian (each language's
 * words of errors). Each run stores, at its exit, the bytecode of what it compiled. Without it (the
 * warm-up failed, say better-sqlite3 is not built yet) the CLI works the same, only compiling at each start.
 */
function writeCodeCache(dir, quiet) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-cli-warm-'));
  const env = { ...process.env, BARSY_CLI_CODE_CACHE: 'write', BARSY_SYNC_DB: path.join(data, 'warm.sqlite'), BARSY_SYNC_LANG: 'en' };
  try {
    // First a demo sync into the database (its code not cached: a sync compiles much that `runs` never
    // runs, and a chunk's cache holds all that was compiled), so that `runs` lists a run and the cache
    // holds the code that validates and prints one (the paths every real history takes). `report` of a
    // run that does not exist: the one error in each language, which loads its words' chunk.
    // Should the demo fail (no samples/ beside the build), `runs` is cached from an empty list.
    const runs = [[['--db', env.BARSY_SYNC_DB, 'demo', '--json'], 0, 'en', false], [['runs'], 0, 'en'], [['runs'], 0, 'bg'], [['--help'], 0, 'en'], [['report', '999999'], 1, 'en'], [['report', '999999'], 1, 'bg']];
    for (const [args, expected, lang, cache = true] of runs) {
      const runEnv = { ...env, BARSY_SYNC_LANG: lang, BARSY_CLI_CODE_CACHE: cache ? 'write' : '' };
      const r = spawnSync(process.execPath, [path.join(dir, 'main.js'), ...args], { env: runEnv, encoding: 'utf8' });
      if (r.status !== expected && cache) throw new Error(`\`barsy-sync ${args.join(' ')}\` exited with ${r.status}: ${r.stderr}`);
    }
  } catch (err) {
    fs.rmSync(path.join(dir, 'code-cache'), { recursive: true, force: true });
    if (!quiet) console.warn(`barsy-sync: no code cache written (the CLI compiles its chunks at each start): ${err.message}`);
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}

/** Builds into a temporary folder and swaps it in, so a CLI started meanwhile never sees half a build. */
export async function buildCli({ quiet = false } = {}) {
  const startedAt = Date.now();
  const tmp = `${CLI_OUT}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['main/cli/main.ts', ...WORD_ENTRIES],
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [sqliteBinding(CLI_OUT), lazyWords, lazyBuiltins, lazySchemas, packages],
    // ASCII only (other characters as \\u escapes): V8 keeps a chunk with a single non-ASCII character
    // as a two-byte string, twice the bytes to decode, copy and collect (zod's chunk has two).
    charset: 'ascii',
    metafile: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: quiet ? 'error' : 'warning',
  });
  await toCommonJs(tmp, loadedByNode(result.metafile, tmp));
  // A package.json beside the build marks it as CommonJS wherever it is copied.
  fs.writeFileSync(path.join(tmp, 'package.json'), '{"type":"commonjs"}\n');
  // Every file the build read (a bundled package by its package.json, which a reinstall rewrites), the
  // build's scripts, the catalogues' indexes (read for the words' layout) and package.json: the launcher
  // compares their times with `startedAt`, so an edit made even during the build counts as newer.
  const read = Object.keys(result.metafile.inputs).map((f) => f.replace(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+\/).*$/, '$1package.json'));
  const own = ['scripts/build-cli.mjs', 'scripts/lazy-schemas.mjs', 'scripts/word-sections.mjs', ...LANGS.map((lang) => `shared/i18n/catalogue/${lang}/index.ts`)];
  const inputs = [...new Set([...read, ...own, 'package.json', 'tsconfig.json'])].filter((f) => fs.existsSync(path.join(root, f)));
  fs.writeFileSync(path.join(tmp, 'inputs.json'), `${JSON.stringify({ startedAt, inputs })}\n`);
  // esbuild's account of the build (what went into which chunk), for checks and its bundle analyser.
  fs.writeFileSync(path.join(tmp, 'metafile.json'), JSON.stringify(result.metafile));
  const old = `${CLI_OUT}.old-${process.pid}`;
  if (fs.existsSync(CLI_OUT)) fs.renameSync(CLI_OUT, old);
  fs.renameSync(tmp, CLI_OUT);
  fs.rmSync(old, { recursive: true, force: true });
  // After the swap: V8 keeps the file name a script was compiled under in its cache (stack traces would
  // name the temporary folder). A CLI started meanwhile compiles as it did before there was a cache.
  writeCodeCache(CLI_OUT, quiet);
}

/**
 * Puts `barsy-sync` in node_modules/.bin, as npm does for a dependency's bin (npm never links the root
 * package's own). package.json deliberately has no `bin`: with one, npm 11's `npx barsy-sync` takes the
 * root-package route (read the whole node_modules tree with Arborist, link the project into the npx
 * cache) and spends about a second before the CLI starts; with this link, npx finds it in .bin at once.
 * Windows gets the same three files npm's cmd-shim writes (cmd, PowerShell, and sh for Git Bash).
 */
export function linkBin(binDir = path.join(root, 'node_modules', '.bin')) {
  if (!fs.existsSync(path.dirname(binDir))) return; // no node_modules: nothing installed yet
  fs.mkdirSync(binDir, { recursive: true });
  const target = path.join(root, 'bin', `${NAME}.cjs`);
  const rel = path.relative(binDir, target);
  const link = path.join(binDir, NAME);
  fs.rmSync(link, { force: true });
  if (process.platform !== 'win32') {
    try {
      fs.symlinkSync(rel, link);
    } catch (err) {
      if (err.code !== 'EEXIST') throw err; // another build linked it a moment ago
    }
    return;
  }
  const win = rel.replaceAll('/', '\\');
  const posix = rel.replaceAll('\\', '/');
  fs.writeFileSync(`${link}.cmd`, `@ECHO off\r\nnode "%~dp0\\${win}" %*\r\n`);
  fs.writeFileSync(`${link}.ps1`, `#!/usr/bin/env pwsh\n& node "$PSScriptRoot/${posix}" $args\nexit $LASTEXITCODE\n`);
  fs.writeFileSync(link, `#!/bin/sh\nexec node "$(dirname "$0")/${posix}" "$@"\n`, { mode: 0o755 });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildCli();
  linkBin();
  console.log(`barsy-sync CLI built into out/bin/ in ${Date.now() - started} ms; linked as node_modules/.bin/${NAME}`);
}

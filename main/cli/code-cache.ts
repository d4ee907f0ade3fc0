import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * V8's code cache for the CLI's built chunks (out/bin/chunks/*.js). Compiling the chunks a command loads
 * (zod, the IPC contract, commander, the words) and then compiling each function they run for the first
 * time is a good part of a short command's start; with the bytecode V8 stored after a run of the same
 * file, it skips both. The cache is written by the build (scripts/build-cli.mjs runs the built CLI once
 * with BARSY_CLI_CODE_CACHE=write) into out/bin/code-cache/, one file per chunk.
 *
 * It cannot change what runs: V8 accepts cached data only for the same V8 version and flags and a source
 * of the same length, and otherwise compiles the source as usual (another Node version, an Electron
 * runtime, a deleted cache folder). The build writes chunks and cache together and swaps them in as one.
 *
 * The build stores most chunks already wrapped as the function Node makes of a CommonJS module, so they
 * load only through this loader (main.js installs it before it needs one of them).
 */
const CACHE_DIR = 'code-cache';
const WRAPPED = Module.wrap('').slice(0, -4);

type Loader = (module: Module, filename: string) => void;
type ModuleInternals = { _extensions: Record<string, Loader>; _cache: Record<string, Module> };

/**
 * Loads the chunks under `buildDir` with their cached bytecode from now on (other files as Node does);
 * without a cache (none written, or `BARSY_CLI_CODE_CACHE=write` asks for it to be written at exit)
 * they are compiled from source. A chunk's `require` of another chunk (`./chunk-….js`, always a file
 * beside it) skips Node's resolution (a stat and a realpath per file, and the path normalising) and
 * takes it from Node's module cache or loads it here; anything else goes to Node's `require` as it
 * would from the chunks' folder.
 */
export function useCodeCache(buildDir: string): void {
  const cacheDir = path.join(buildDir, CACHE_DIR) + path.sep;
  const chunks = path.join(buildDir, 'chunks') + path.sep;
  const write = process.env.BARSY_CLI_CODE_CACHE === 'write' && fs.existsSync(chunks);
  const cached = write || fs.existsSync(cacheDir);
  if (!cached && !fs.existsSync(chunks)) return; // the sources (tsx): no chunks to load
  const internals = Module as unknown as ModuleInternals;
  const loadJs = internals._extensions['.js']!;
  const compiled: Array<{ script: vm.Script; file: string }> = [];
  const nodeRequire = createRequire(chunks);
  const chunkRequire = Object.assign(
    (id: string): unknown => (id.startsWith('./') && id.endsWith('.js') && !id.includes('/', 2) ? requireChunk(chunks + id.slice(2)) : nodeRequire(id)),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main, extensions: nodeRequire.extensions },
  );

  function requireChunk(filename: string): unknown {
    const known = internals._cache[filename];
    if (known) return known.exports;
    const module = new Module(filename);
    module.filename = filename;
    internals._cache[filename] = module;
    try {
      loadChunk(module, filename);
    } catch (err) {
      delete internals._cache[filename];
      throw err;
    }
    module.loaded = true;
    return module.exports;
  }

  function loadChunk(module: Module, filename: string): void {
    const file = `${cacheDir}${path.basename(filename)}.bin`;
    let cachedData: Buffer | undefined;
    if (cached) {
      try {
        cachedData = fs.readFileSync(file);
      } catch {
        // no cache for this chunk: compiled from its source
      }
    }
    // Stored already wrapped as the function Node makes of a CommonJS module (scripts/build-cli.mjs says
    // why), except the few chunks Node loads before this loader is in place.
    const source = fs.readFileSync(filename, 'utf8');
    const script = new vm.Script(source.startsWith(WRAPPED) ? source : Module.wrap(source), { filename, cachedData });
    if (write && (!cachedData || script.cachedDataRejected)) compiled.push({ script, file });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, chunkRequire, module, filename, chunks.slice(0, -1));
  }

  internals._extensions['.js'] = (module, filename) => (filename.startsWith(chunks) ? loadChunk(module, filename) : loadJs(module, filename));
  if (write) {
    // At exit, so the cache also holds the bytecode of every function the run compiled on first call.
    process.on('exit', () => {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Each file whole or not at all (renamed into place): a CLI starting meanwhile may read it.
      for (const { script, file } of compiled) {
        fs.writeFileSync(`${file}.${process.pid}`, script.createCachedData());
        fs.renameSync(`${file}.${process.pid}`, file);
      }
    });
  }
}

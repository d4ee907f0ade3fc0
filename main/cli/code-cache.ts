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
 */
const CACHE_DIR = 'code-cache';

type Loader = (module: Module, filename: string) => void;
type ModuleInternals = { _extensions: Record<string, Loader> };

/**
 * Loads the chunks under `buildDir` with their cached bytecode from now on (other files as Node does).
 * A no-op when the build has no cache, unless `BARSY_CLI_CODE_CACHE=write` asks for it to be written at exit.
 */
export function useCodeCache(buildDir: string): void {
  const cacheDir = path.join(buildDir, CACHE_DIR);
  const chunks = path.join(buildDir, 'chunks') + path.sep;
  const write = process.env.BARSY_CLI_CODE_CACHE === 'write' && fs.existsSync(chunks);
  if (!write && !fs.existsSync(cacheDir)) return;
  const extensions = (Module as unknown as ModuleInternals)._extensions;
  const loadJs = extensions['.js']!;
  const compiled: Array<{ script: vm.Script; file: string }> = [];

  const loadChunk: Loader = (module, filename) => {
    const file = path.join(cacheDir, `${path.basename(filename)}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // no cache for this chunk: compiled from its source
    }
    const script = new vm.Script(Module.wrap(fs.readFileSync(filename, 'utf8')), { filename, cachedData });
    if (write && (!cachedData || script.cachedDataRejected)) compiled.push({ script, file });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  };

  extensions['.js'] = (module, filename) => (filename.startsWith(chunks) ? loadChunk(module, filename) : loadJs(module, filename));
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

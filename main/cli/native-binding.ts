import { createRequire } from 'node:module';

type Options = { nativeBinding?: unknown } & Record<string, unknown>;
type Construct = new (filename?: string | Buffer, options?: Options) => object;

/**
 * better-sqlite3's `Database` with its native addon taken from `addonFile`, the file the CLI build found
 * (scripts/build-cli.mjs asks `bindings` once, at build time, which file it would load). Without it,
 * better-sqlite3 asks `bindings` at every start, which finds the file by trying paths one after another
 * after working out its caller from a stack trace: ~3–5 ms of a short command. When `addonFile` is
 * missing or cannot be loaded (the project moved, the addon was rebuilt elsewhere), better-sqlite3 is
 * left to find it as usual, so this can only make the start quicker: through `searching()`, when given,
 * the package as installed (the CLI build bundles better-sqlite3's JavaScript, where `bindings`, working
 * from its caller's file, would look in the wrong folder), else `Database` itself. An explicit
 * `nativeBinding` wins.
 */
export function withNativeBinding<T extends new (...args: never[]) => object>(Database: T, addonFile: string | undefined, searching?: () => T): T {
  const construct = Database as unknown as Construct;
  let addon: object | undefined;
  let tried = addonFile === undefined;
  const binding = (): object | undefined => {
    if (!tried) {
      tried = true;
      try {
        addon = createRequire(addonFile!)(addonFile!) as object;
      } catch {
        addon = undefined; // better-sqlite3's own search (bindings) runs, and reports its own error if any
      }
    }
    return addon;
  };
  function WithBinding(filename?: string | Buffer, options?: Options): object {
    if (options && 'nativeBinding' in options) return new construct(filename, options);
    const found = binding();
    if (found) return new construct(filename, { ...options, nativeBinding: found });
    return new ((searching?.() ?? Database) as unknown as Construct)(filename, options);
  }
  // `instanceof`, the prototype's methods and the statics (`SqliteError`) stay better-sqlite3's own.
  WithBinding.prototype = Database.prototype;
  Object.setPrototypeOf(WithBinding, Database);
  return WithBinding as unknown as T;
}

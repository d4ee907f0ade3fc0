/**
 * Values built on first use, for the CLI build only (scripts/lazy-schemas.mjs rewrites the IPC contract
 * and the shared domain schemas to use these; the sources stay plain, eagerly built zod). A short
 * command needs the schemas of one or two channels, while building all of them at start (~600 zod
 * schemas, and the garbage they leave) cost `barsy-sync runs` ~15 ms of its own ~90 ms.
 */

/**
 * A stand-in for the object `build` returns, built at the first look at it: every property read, `in`,
 * key listing, descriptor, prototype (so `instanceof` holds) and write goes to the real object. A method
 * read through it comes from the real object; called on the stand-in, its `this` reads through it again.
 */
export function lazyObject<T extends object>(build: () => T): T {
  let real: T | undefined;
  const load = (): T => (real ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(load(), key),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    // Reported as configurable: a proxy may not claim a non-configurable property its (empty) target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    set: (_, key, value) => Reflect.set(load(), key, value),
    defineProperty: (_, key, d) => Reflect.defineProperty(load(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(load(), key),
  });
}

/**
 * An object whose every value is built when that key is first read (and kept): its keys, their order and
 * `hasOwnProperty` are there at once without building anything, so `channels[name]` builds one channel.
 */
export function lazyRecord<T extends Record<string, unknown>>(thunks: { [K in keyof T]: () => T[K] }): T {
  const record = {} as T;
  for (const key of Object.keys(thunks) as Array<keyof T & string>) {
    let built = false;
    let value: T[typeof key];
    Object.defineProperty(record, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!built) {
          value = thunks[key]();
          built = true;
        }
        return value;
      },
    });
  }
  return record;
}

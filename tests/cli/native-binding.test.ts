import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { withNativeBinding } from '../../main/cli/native-binding.js';

/**
 * The CLI build hands better-sqlite3 the addon file it found at build time (scripts/build-cli.mjs); a
 * file that is missing or not an addon must leave better-sqlite3 to its own search, not fail.
 */
const require = createRequire(import.meta.url);
const pkg = path.dirname(require.resolve('better-sqlite3/package.json'));
const bindings = createRequire(path.join(pkg, 'package.json'))('bindings') as (o: object) => string;
const addonFile = bindings({ bindings: 'better_sqlite3.node', module_root: pkg, path: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-native-binding-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the class that records the options it was given. */
function recording() {
  const seen: unknown[] = [];
  class Fake {
    constructor(_file?: string | Buffer, options?: Record<string, unknown>) {
      seen.push(options);
    }
  }
  return { Fake, seen };
}

describe('withNativeBinding', () => {
  it('passes the addon loaded from the given file, once, unless the caller names one', () => {
    const { Fake, seen } = recording();
    const Db = withNativeBinding(Fake, addonFile);
    new Db('a.sqlite');
    new Db('b.sqlite', { readonly: true });
    new Db('c.sqlite', { nativeBinding: 'mine.node' });
    const addon = require(addonFile) as object;
    expect(seen).toEqual([{ nativeBinding: addon }, { readonly: true, nativeBinding: addon }, { nativeBinding: 'mine.node' }]);
    expect((seen[0] as { nativeBinding: object }).nativeBinding).toBe(addon);
  });

  it('leaves the search to better-sqlite3 when the file is missing or not an addon', () => {
    const notAddon = path.join(dir, 'better_sqlite3.node');
    fs.writeFileSync(notAddon, 'not a shared library');
    for (const file of [path.join(dir, 'missing', 'better_sqlite3.node'), notAddon, undefined]) {
      const { Fake, seen } = recording();
      new (withNativeBinding(Fake, file))('a.sqlite', { readonly: false });
      expect(seen).toEqual([{ readonly: false }]);
    }
  });

  it('constructs through the installed package instead when it is given one (the build bundles better-sqlite3)', () => {
    const bundled = recording();
    const installed = recording();
    const Db = withNativeBinding(bundled.Fake, path.join(dir, 'missing.node'), () => installed.Fake);
    new Db('a.sqlite', { readonly: true });
    new Db('b.sqlite', { nativeBinding: 'mine.node' });
    expect(installed.seen).toEqual([{ readonly: true }]);
    expect(bundled.seen).toEqual([{ nativeBinding: 'mine.node' }]);
    const found = recording();
    new (withNativeBinding(found.Fake, addonFile, () => installed.Fake))('c.sqlite');
    expect(found.seen).toEqual([{ nativeBinding: require(addonFile) as object }]);
    expect(installed.seen).toHaveLength(1);
  });

  it('is better-sqlite3 itself to its users: instanceof, statics, a working database, with or without the file', () => {
    for (const file of [addonFile, path.join(dir, 'missing.node')]) {
      const Db = withNativeBinding(Database, file);
      const db = new Db(':memory:');
      try {
        expect(db).toBeInstanceOf(Database);
        expect(db).toBeInstanceOf(Db);
        expect(Db.SqliteError).toBe(Database.SqliteError);
        expect(db.prepare('select 6 * 7 as n').get()).toEqual({ n: 42 });
      } finally {
        db.close();
      }
    }
  });
});

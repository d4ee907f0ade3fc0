import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogueLayout } from '../../scripts/word-sections.mjs';
import { bg } from '../../shared/i18n/catalogue/bg/index.js';
import { en } from '../../shared/i18n/catalogue/en/index.js';

/**
 * The CLI build loads the words one section file at a time, by a key → file map read from each
 * catalogue's index (scripts/word-sections.mjs). Put back together from the section files by that map,
 * each catalogue must be exactly the one the app uses, in the same order.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-word-sections-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the words by section', () => {
  for (const [lang, catalogue] of [['bg', bg], ['en', en]] as const) {
    it(`${lang}: every top-level key comes from the file and export the index says, and they add up to the catalogue`, async () => {
      const dir = path.join(ROOT, 'shared/i18n/catalogue', lang);
      const layout = catalogueLayout(dir, lang);
      expect(layout).not.toBeNull();
      const rebuilt: Record<string, unknown> = {};
      for (const { key, file, name, spread } of layout!.keys) {
        const mod = (await import(path.join(dir, `${file}.ts`))) as Record<string, Record<string, unknown>>;
        rebuilt[key] = spread ? mod[name]![key] : mod[name];
      }
      expect(Object.keys(rebuilt)).toEqual(Object.keys(catalogue));
      expect(rebuilt).toEqual(catalogue);
      expect(layout!.files.sort()).toEqual(fs.readdirSync(dir).filter((f) => f !== 'index.ts').map((f) => f.slice(0, -3)).sort());
    });
  }

  it('gives up (the build then keeps the words together) on an index it cannot read key by key', () => {
    const write = (name: string, text: string) => fs.writeFileSync(path.join(tmp, name), text);
    write('a.ts', 'export const a = { x: 1, y: 2 };\n');
    write('b.ts', 'const base = { z: 1 };\nexport const b = { ...base, w: 2 };\n');
    write('index.ts', "import { a } from './a.js';\nexport const xx = { ...a, n: 1 };\n");
    expect(catalogueLayout(tmp, 'xx')).toBeNull(); // an entry that is not a section
    write('index.ts', "import { a } from './a.js';\nimport { b } from './b.js';\nexport const xx = { ...a, ...b };\n");
    expect(catalogueLayout(tmp, 'xx')).toBeNull(); // a section that spreads something itself
    write('index.ts', "import { a } from './a.js';\nimport { b } from './b.js';\nexport const xx = { ...a, b };\n");
    expect(catalogueLayout(tmp, 'xx')).toEqual({
      files: ['a', 'b'],
      keys: [
        { key: 'x', file: 'a', name: 'a', spread: true },
        { key: 'y', file: 'a', name: 'a', spread: true },
        { key: 'b', file: 'b', name: 'b', spread: false },
      ],
    });
  });
});

import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { lazyObject, lazyRecord } from '../../main/cli/lazy-values.js';
import { lazySchemaSource } from '../../scripts/lazy-schemas.mjs';
import * as contract from '../../shared/ipc-contract.js';
import { settingSchemas } from '../../shared/domain/settings.js';
import { runSummarySchema } from '../../shared/domain/sync.js';

/**
 * The CLI build's schemas built on first use (scripts/lazy-schemas.mjs, main/cli/lazy-values.ts) must
 * validate exactly as the sources' eagerly built ones: same channels in the same order, same answers.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const HELPERS = path.join(ROOT, 'main/cli/lazy-values.ts');

describe('the rewrite of a shared/ file', () => {
  const source = [
    "import { z } from 'zod';",
    "import { otherSchema } from './other.js';",
    '',
    "export const colourSchema = z.enum(['red', 'green']);",
    'export const COLOURS = colourSchema.options;',
    'const strict = z.object({}).strict();',
    'export const extendedSchema = otherSchema.extend({ n: z.number() });',
    "export const channels = { 'a:b': { request: strict, response: colourSchema }, c: { request: strict, response: z.string() } } as const;",
    'export const plain = { a: 1, b: [2] };',
    'export const LIMIT = 64 * 1024;',
    "export const KEYS = Object.keys(channels);",
    '',
  ].join('\n');

  it('wraps schemas and records of schemas, and leaves arrays read from a schema, plain objects and numbers as they are', () => {
    const out = lazySchemaSource(source, 'x.ts', '/h/lazy-values.ts');
    expect(out?.lazy).toEqual(['colourSchema', 'strict', 'extendedSchema', 'channels']);
    const code = out!.code;
    expect(code).toContain("export const colourSchema = __lazyObject(() => (z.enum(['red', 'green'])));");
    expect(code).toContain('export const COLOURS = colourSchema.options;');
    expect(code).toContain('const strict = __lazyObject(() => (z.object({}).strict()));');
    expect(code).toContain('export const extendedSchema = __lazyObject(() => (otherSchema.extend({ n: z.number() })));');
    expect(code).toMatch(/export const channels = __lazyRecord\(\{\n'a:b': \(\) => \(\{ request: strict, response: colourSchema \}\),\nc: \(\) => \(\{ request: strict, response: z\.string\(\) \}\)\n\}\) as const;/);
    expect(code).toContain('export const plain = { a: 1, b: [2] };');
    expect(code).toContain('export const LIMIT = 64 * 1024;');
    // The helpers are imported after the file's own imports, under names the file cannot be using.
    expect(code).toMatch(/import \{ otherSchema \} from '\.\/other\.js';\nimport \{ lazyObject as __lazyObject, lazyRecord as __lazyRecord \} from "\/h\/lazy-values\.ts";/);
  });

  it('changes nothing in a file without schemas, or in an object literal it cannot rewrite entry by entry', () => {
    expect(lazySchemaSource('export const a = 1;\nexport const b = { c: 2 };\n', 'y.ts', '/h')).toBeNull();
    expect(lazySchemaSource("import { z } from 'zod';\nconst s = z.string();\nexport const o = { ...{ a: s }, b: z.number() };\n", 'y.ts', '/h')?.lazy).toEqual(['s']);
  });
});

describe('values built on first use', () => {
  it('lazyObject builds once, at the first look, and is the schema in every way the code uses one', () => {
    let built = 0;
    const schema = lazyObject(() => {
      built += 1;
      return z.object({ id: z.number().int(), name: z.string().optional() });
    });
    expect(built).toBe(0);
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(built).toBe(1);
    expect(Object.keys(schema.shape)).toEqual(['id', 'name']);
    expect(schema.parse({ id: 1 })).toEqual({ id: 1 });
    expect(schema.extend({ x: z.boolean() }).safeParse({ id: 1, x: 'no' }).success).toBe(false);
    expect(z.array(schema).safeParse([{ id: 1.5 }]).error?.issues[0]?.path).toEqual([0, 'id']);
    expect(schema.nullable().parse(null)).toBeNull();
    expect(built).toBe(1);
  });

  it('lazyRecord has its keys at once and builds a value when that key is first read', () => {
    const calls: string[] = [];
    const record = lazyRecord({ b: () => (calls.push('b'), 1), a: () => (calls.push('a'), 2) });
    expect(Object.keys(record)).toEqual(['b', 'a']);
    expect(Object.prototype.hasOwnProperty.call(record, 'a')).toBe(true);
    expect(calls).toEqual([]);
    expect([record.a, record.a]).toEqual([2, 2]);
    expect(calls).toEqual(['a']);
  });
});

describe('the contract as the CLI build has it', () => {
  let built: typeof contract & { settingSchemas: typeof settingSchemas };

  beforeAll(async () => {
    // The contract and the domain files through the same rewrite the CLI build applies, zod shared with this test.
    const entry = "export * from './shared/ipc-contract.ts'; export { settingSchemas } from './shared/domain/settings.ts';";
    const out = await build({
      stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['zod'],
      plugins: [
        {
          name: 'lazy-schemas',
          setup(b) {
            b.onLoad({ filter: /[\\/]shared[\\/](ipc-contract|domain[\\/][\w-]+)\.ts$/ }, (args) => {
              const text = fs.readFileSync(args.path, 'utf8');
              return { contents: lazySchemaSource(text, args.path, HELPERS)?.code ?? text, loader: 'ts' };
            });
          },
        },
      ],
    });
    const file = path.join(ROOT, 'tests/cli/lazy-contract.cjs');
    const m = new Module(file);
    m.filename = file;
    m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    (m as unknown as { _compile(code: string, file: string): void })._compile(out.outputFiles[0]!.text, file);
    built = m.exports as typeof built;
    // The bundle's zod is this test's zod (one instance, so `instanceof` means the same).
    expect(createRequire(file)('zod')).toBe(createRequire(path.join(ROOT, 'package.json'))('zod'));
  });

  // Answers to compare: what the renderer, the CLI or a broken caller could send.
  const probes: unknown[] = [undefined, null, {}, [], 'x', 0, { runId: 1 }, { path: '/tmp/a.csv' }, { key: 'ui.language', value: 'en' }, { offset: -1 }];
  const answer = (s: z.ZodType, v: unknown) => {
    const r = s.safeParse(v);
    return r.success ? { data: r.data as unknown } : { issues: r.error.issues };
  };

  it('has every channel, event and setting in the same order, each validating exactly as the eager one', () => {
    expect(Object.keys(built.channels)).toEqual(Object.keys(contract.channels));
    expect(Object.keys(built.events)).toEqual(Object.keys(contract.events));
    expect(Object.keys(built.shellChannels)).toEqual(Object.keys(contract.shellChannels));
    expect(Object.keys(built.settingSchemas)).toEqual(Object.keys(settingSchemas));
    const pairs: Array<[string, z.ZodType, z.ZodType]> = [];
    for (const [name, spec] of Object.entries(contract.channels)) {
      const lazy = built.channels[name as keyof typeof built.channels];
      pairs.push([`${name} request`, spec.request, lazy.request], [`${name} response`, spec.response, lazy.response]);
    }
    for (const [name, schema] of Object.entries(contract.events)) pairs.push([name, schema, built.events[name as keyof typeof built.events]]);
    for (const [name, schema] of Object.entries(settingSchemas)) pairs.push([name, schema, built.settingSchemas[name as keyof typeof settingSchemas]]);
    pairs.push(['wire result', contract.wireResultSchema, built.wireResultSchema]);
    for (const [name, eager, lazy] of pairs) {
      for (const probe of probes) expect(answer(lazy, probe), `${name} of ${JSON.stringify(probe)}`).toEqual(answer(eager, probe));
    }
  });

  it('accepts a real run summary list and refuses a damaged one the same way', () => {
    const summary = runSummarySchema.parse({
      runId: 3, status: 'completed', dryRun: false, listId: 'l1', audienceName: 'Shop', importId: 2, importFileName: 'clients.csv',
      importedAt: '2026-12-06T10:00:00Z', startedAt: '2026-12-06T10:01:00Z', finishedAt: '2026-12-06T10:02:00Z', durationMs: 60_000,
      counts: { clients: 3, eligible: 2, created: 1, updated: 1, unchanged: 0, skipped: 1, keptStatus: 0, failed: 0 },
      requests: 4, error: null, resumable: false, reportEmail: { status: 'sent', to: 'owner@shop.bg', sentAt: '2026-12-06T10:02:01Z', error: null },
    });
    const eager = contract.channels['runs:list'].response;
    const lazy = built.channels['runs:list'].response;
    expect(answer(lazy, [summary])).toEqual(answer(eager, [summary]));
    expect(answer(lazy, [summary])).toEqual({ data: [summary] });
    const damaged = [{ ...summary, counts: { ...summary.counts, created: '1' } }];
    expect(answer(lazy, damaged)).toEqual(answer(eager, damaged));
    expect((answer(lazy, damaged) as { issues: Array<{ path: unknown[] }> }).issues[0]?.path).toEqual([0, 'counts', 'created']);
  });
});

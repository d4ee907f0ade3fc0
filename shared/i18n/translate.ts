import { bg, type Catalogue } from './catalogue/bg/index.js';
import { en } from './catalogue/en/index.js';

export type Language = 'bg' | 'en';

/** Values put into a text's `{{name}}` placeholders; `count` also picks the `_one` / `_other` form. */
export type Params = Record<string, string | number>;

type PluralBase<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;

/** Every dotted key of a nested object of texts; `x_one` / `x_other` are also reachable as `x`. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K | PluralBase<K> : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** A key of the catalogue, e.g. `'outcome.keptStatus'` or `'runReport.subject'` (plural forms by `count`). */
export type MessageKey = Leaves<Catalogue>;

const catalogues: Record<Language, Catalogue> = { bg, en };

/** The catalogue of one language, as i18next (the renderer) takes its resources. */
export function catalogueOf(lang: Language): Catalogue {
  return catalogues[lang];
}

/** Any value as a language: English only when it says so; Bulgarian, the default, otherwise. */
export function toLanguage(value: unknown): Language {
  return value === 'en' ? 'en' : 'bg';
}

/** The locale numbers and dates are written in: Bulgarian, or British English (day before month, 24-hour clock). */
export function localeOf(lang: Language): string {
  return lang === 'bg' ? 'bg-BG' : 'en-GB';
}

function lookup(lang: Language, key: string): string | undefined {
  let node: unknown = catalogues[lang];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// Same plural categories as i18next uses in the renderer, so a `_one` / `_other` pair reads the same everywhere.
function pluralKey(lang: Language, key: string, count: number): string {
  return `${key}_${new Intl.PluralRules(lang).select(count)}`;
}

function find(lang: Language, key: string, params: Params): string | undefined {
  if (typeof params.count === 'number') {
    const plural = lookup(lang, pluralKey(lang, key, params.count)) ?? lookup(lang, `${key}_other`);
    if (plural !== undefined) return plural;
  }
  return lookup(lang, key);
}

/**
 * The text for `key` in `lang` with its `{{name}}` placeholders filled from `params` and its `$t(key)`
 * references replaced by that key's text. A key missing in English falls back to Bulgarian, then to the
 * key itself; a placeholder without a value stays visible (`{{name}}`) rather than silently disappearing.
 */
export function t(key: MessageKey, params: Params, lang: Language): string {
  return resolve(key, params, lang, 0);
}

function resolve(key: string, params: Params, lang: Language, depth: number): string {
  const text = find(lang, key, params) ?? find('bg', key, params) ?? key;
  // `$t(other.key)` says "the same words as other.key" (i18next's nesting syntax, so the screens read it too).
  const nested = depth < 5 ? text.replace(/\$t\(([\w.]+)\)/g, (_, ref: string) => resolve(ref, params, lang, depth + 1)) : text;
  return nested.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** A text with its first letter upper-cased (a word used at the start of a sentence or a heading). */
export function capitalize(text: string, lang: Language): string {
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/** A text lower-cased (a heading's word used inside a sentence or a CSV cell). */
export function lowerCase(text: string, lang: Language): string {
  return text.toLocaleLowerCase(lang);
}

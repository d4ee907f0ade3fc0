import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { bg } from '../../shared/i18n/catalogue/bg/index.js';
import { en } from '../../shared/i18n/catalogue/en/index.js';
import { catalogueOf, t, toLanguage, type MessageKey } from '../../shared/i18n/translate.js';

/** Every `[dotted key, text]` of a nested catalogue. */
function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const references = (text: string) => [...text.matchAll(/\$t\(([\w.]+)\)/g)].map((m) => m[1]!);
const bgLeaves = new Map(leaves(bg));
const enLeaves = new Map(leaves(en));

describe('the catalogue', () => {
  it('has the same keys in Bulgarian and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...bgLeaves.keys()].sort());
    expect(bgLeaves.size).toBeGreaterThan(500);
  });

  it('has the same {{placeholders}} and $t references for each key in both languages', () => {
    for (const [key, bgText] of bgLeaves) {
      const enText = enLeaves.get(key) ?? '';
      expect({ key, names: placeholders(enText) }).toEqual({ key, names: placeholders(bgText) });
      expect({ key, refs: references(enText).sort() }).toEqual({ key, refs: references(bgText).sort() });
    }
  });

  it('has no empty text, every plural has both forms, and every $t reference names a text', () => {
    for (const [key, text] of [...bgLeaves, ...enLeaves]) {
      expect(text.trim(), key).not.toBe('');
      if (key.endsWith('_one')) expect(bgLeaves.has(key.replace(/_one$/, '_other')), key).toBe(true);
      for (const ref of references(text)) expect(bgLeaves.has(ref), `${key} → ${ref}`).toBe(true);
    }
  });

  it('words each idea once: no two keys hold the same text, except different ideas that happen to read alike', () => {
    // Same letters, different meaning (a menu title vs a field label; a run's status vs a contact's outcome; …).
    const differentIdeas = new Set([
      'report.file shell.file', // "Файл:" a report fact vs the File menu
      'nav.home report.started', // Bulgarian "Начало": the home screen vs when a run started
      'common.close shell.close', // a button vs the window menu's role
      'common.copy shell.copy',
      'shell.ok cli.doctor.ok', // English "OK": a dialog button vs a check's result
      'outcome.failed outcomeItem.failed runStatus.failed', // English "Failed": clients, one client, a run
      'outcome.created outcomeItem.created', // English "Added": the count vs one client (Bulgarian differs)
      'outcome.updated outcomeItem.updated',
      'outcome.skipped outcomeItem.skipped',
      'outcomePlanned.created outcomeItemPlanned.created',
      'outcomePlanned.updated outcomeItemPlanned.updated',
      'outcomePlanned.skipped outcomeItemPlanned.skipped',
      'import.clients clientsWord', // a heading vs the lower-case word inside a sentence
      'smtp.reportEmail report.email', // English "Report email": the address vs the email's status column
      'wizard.titles.mailchimp settings.connect',
      'nav.import import.run', // English "Import": the screen's name vs its button
    ]);
    for (const [lang, map] of [['bg', bgLeaves], ['en', enLeaves]] as const) {
      const byText = new Map<string, string[]>();
      for (const [key, text] of map) {
        const resolved = t(key as MessageKey, {}, lang).toLocaleLowerCase(lang);
        if (references(text).length > 0 && text.replace(/\$t\([\w.]+\)/g, '').trim() === '') continue; // a reference, not a wording
        byText.set(resolved, [...(byText.get(resolved) ?? []), key]);
      }
      const repeated = [...byText.values()].filter((keys) => keys.length > 1).map((keys) => keys.join(' '));
      // A column role inside an error sentence is declined in Bulgarian ("имейлът"), so it is its own text.
      const unexplained = repeated.filter((keys) => !differentIdeas.has(keys) && !/ errorPart\.role\./.test(keys));
      expect({ lang, unexplained }).toEqual({ lang, unexplained: [] });
    }
  });

  it('reads the same through i18next (the screens) as through t (main, CLI, report)', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { bg: { translation: catalogueOf('bg') }, en: { translation: catalogueOf('en') } }, lng: 'bg', fallbackLng: 'bg', interpolation: { escapeValue: false }, showSupportNotice: false });
    for (const lang of ['bg', 'en'] as const) {
      for (const [leaf, text] of lang === 'bg' ? bgLeaves : enLeaves) {
        const key = leaf.replace(/_(one|other)$/, '');
        const params = Object.fromEntries(placeholders(text).map((n) => [n, `<${n}>`]));
        for (const count of leaf === key ? [undefined] : [1, 7]) {
          const p = count === undefined ? params : { ...params, count };
          expect(i18n.t(key as never, { ...p, lng: lang } as never), `${lang} ${leaf}`).toBe(t(key as MessageKey, p, lang));
        }
      }
    }
  });
});

describe('t(key, params, lang)', () => {
  it('fills {{params}}, resolves $t references and picks the plural form by count', () => {
    expect(t('import.warningLine', { line: 12 }, 'bg')).toBe('Ред 12');
    expect(t('import.warningLine', { line: 12 }, 'en')).toBe('Line 12');
    expect(t('home.title', {}, 'bg')).toBe(t('nav.home', {}, 'bg'));
    expect(t('audience.members', { count: 1, n: '1' }, 'bg')).toBe('1 контакт');
    expect(t('audience.members', { count: 3, n: '3' }, 'bg')).toBe('3 контакта');
    expect(t('audience.members', { count: 0, n: '0' }, 'en')).toBe('0 contacts');
    expect(t('runReport.notFinished', { status: 'x', n: '1', count: 1 }, 'en')).toBe('The sync did not finish (x); 1 client has no result yet.');
  });

  it('falls back sensibly: a missing parameter stays visible, an unknown key shows itself, any language value is bg or en', () => {
    expect(t('import.warningLine', {}, 'en')).toBe('Line {{line}}');
    expect(t('no.such.key' as MessageKey, {}, 'en')).toBe('no.such.key');
    expect(t('audience.members', { n: '2' }, 'en')).toBe('audience.members');
    expect([toLanguage('en'), toLanguage('bg'), toLanguage('EN'), toLanguage(undefined), toLanguage(null)]).toEqual(['en', 'bg', 'bg', 'bg', 'bg']);
  });
});

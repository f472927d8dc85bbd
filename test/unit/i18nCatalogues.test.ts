/**
 * A missing translation fails CI. Every key of every file in client/src/i18n/en/ (whatever
 * features add there) must exist in each other language with the same placeholders, plural keys
 * in the forms the language needs; no English may be left in the other languages' files (except
 * proper nouns of the glossary and text without letters); and the server's document words exist
 * in all six languages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_TEXT } from '../../server/src/i18n/serverText.ts';
import { STORE_WORDS } from '../../server/src/i18n/storeWords.ts';
import { EMAIL_CATALOGUES } from '../../server/src/notifications/emailCatalogue.ts';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import glossary from '../../shared/i18n/glossary.json' with { type: 'json' };
import { LANGUAGES } from '../../shared/i18n/languages.ts';

const root = path.resolve(import.meta.dirname, '../../client/src/i18n');
const OTHERS = LANGUAGES.filter((language) => language !== 'en');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
const read = (file: string): Tree => JSON.parse(readFileSync(file, 'utf8')) as Tree;
const englishFiles = readdirSync(path.join(root, 'en')).filter((file) => file.endsWith('.json'));
const properNouns = new Set(glossary.properNouns.map((noun) => noun.toLowerCase()));

const sameSpelling = glossary.sameSpelling as Record<string, string[]>;

/** Equal to the English is fine for text with no letters, or made only of proper nouns (and words spelled alike). */
function mayEqualEnglish(value: string, language = ''): boolean {
  const alike = new Set((sameSpelling[language] ?? []).map((word) => word.toLowerCase()));
  const words = value.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+/gu) ?? [];
  return words.every((word) => properNouns.has(word.toLowerCase()) || alike.has(word.toLowerCase()));
}

/** The plural forms i18next asks for in a language (Intl's plural categories). */
const formsOf = (language: string) => new Intl.PluralRules(language).resolvedOptions().pluralCategories;

describe.each(OTHERS)('the %s catalogue', (language) => {
  it.each(englishFiles)('has every key of en/%s, with the same placeholders, and no English left', (file) => {
    const target = path.join(root, 'locales', language, file);
    expect(existsSync(target), `${language}/${file} is missing`).toBe(true);
    const english = flatten(read(path.join(root, 'en', file)));
    const translated = flatten(read(target));
    const problems: string[] = [];
    const pluralBases = new Set<string>();
    for (const [key, value] of english) {
      if (PLURAL.test(key)) {
        pluralBases.add(key.replace(PLURAL, ''));
        continue;
      }
      const other = translated.get(key);
      if (other === undefined) problems.push(`missing ${key}`);
      else if (placeholders(other).join() !== placeholders(value).join()) problems.push(`placeholders differ in ${key}`);
      else if (other === value && !mayEqualEnglish(value, language)) problems.push(`untranslated ${key}: ${value}`);
    }
    for (const base of pluralBases) {
      const englishOther = english.get(`${base}_other`) ?? '';
      for (const form of formsOf(language)) {
        const other = translated.get(`${base}_${form}`);
        if (other === undefined) problems.push(`missing ${base}_${form}`);
        // A form may leave the number out ("one person"), never add one the English lacks.
        else if (!placeholders(other).every((name) => placeholders(englishOther).includes(name)))
          problems.push(`placeholders differ in ${base}_${form}`);
        else if (other === englishOther && !mayEqualEnglish(other, language)) problems.push(`untranslated ${base}_${form}`);
      }
      const otherForm = translated.get(`${base}_other`);
      if (otherForm !== undefined && placeholders(otherForm).join() !== placeholders(englishOther).join())
        problems.push(`placeholders differ in ${base}_other`);
    }
    for (const key of translated.keys()) {
      const known = english.has(key) || (PLURAL.test(key) && pluralBases.has(key.replace(PLURAL, '')));
      if (!known) problems.push(`stale key ${key} (not in English)`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the French catalogue', () => {
  // A title is what people wrote ("IGF 2026 …", "Open consultation"): "de IGF" would need an elision
  // the catalogue cannot make, so no article or "de" stands right before one.
  it('puts no word that elides before a title', () => {
    const problems: string[] = [];
    for (const file of englishFiles) {
      for (const [key, value] of flatten(read(path.join(root, 'locales', 'fr', file)))) {
        if (/\b(de|le|la|que|ce|ne|se|je)\s+\{\{\s*title\s*\}\}/i.test(value)) problems.push(`${file} ${key}: ${value}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // A name, a group, an option, an address… can start with a vowel: "de Amina", "le Atelier" would
  // need an elision ("d’Amina") no template can make for every value, so the sentence is said another
  // way ("Aperçu : {{name}}", "écrit par {{author}}"). Only placeholders whose value never starts with
  // a vowel may follow such a word: numbers, dates and times, and the catalogue's own "version …".
  // A value in quotation marks (« {{title}} ») stands apart and is left as it is.
  const NEVER_A_VOWEL = new Set(
    'closes count date day digest due end max min minutes n number opens percent size start time value version'.split(' '),
  );
  const ELIDING = /\b(de|du|au|le|la|que|ce|ne|se|je)\s+\{\{\s*([\w.]+)\s*\}\}/gi;
  const frenchStrings = (): [string, string][] => [
    ...englishFiles.flatMap((file) =>
      [...flatten(read(path.join(root, 'locales', 'fr', file)))].map(([key, value]): [string, string] => [
        `${file} ${key}`,
        value,
      ]),
    ),
    ...[...flatten(SERVER_TEXT.fr as unknown as Tree)].map(([key, value]): [string, string] => [`SERVER_TEXT ${key}`, value]),
    ...[...flatten(PUBLIC_TEXT.fr as unknown as Tree)].map(([key, value]): [string, string] => [`PUBLIC_TEXT ${key}`, value]),
    ...[...flatten(EMAIL_CATALOGUES.fr as unknown as Tree)].map(([key, value]): [string, string] => [`EMAIL ${key}`, value]),
  ];

  it('puts no word that elides before a name, a group or anything else that may start with a vowel', () => {
    const strings = frenchStrings();
    expect(strings.length).toBeGreaterThan(500);
    const problems = strings.filter(([, value]) =>
      [...value.matchAll(ELIDING)].some((match) => !NEVER_A_VOWEL.has(match[2]!.split('.').pop()!)),
    );
    expect(problems.map(([where, value]) => `${where}: ${value}`)).toEqual([]);
  });
});

describe('the server documents’ words', () => {
  /** The keys whose value is a set of plural forms (Intl.PluralRules): each language has its own forms. */
  const PLURAL_BASES = ['floor.votes', 'floor.inRoom', 'floor.online'];
  const PLURALS = new RegExp(`^(${PLURAL_BASES.map((base) => base.replaceAll('.', '\\.')).join('|')})\\.`);
  const english = flatten(SERVER_TEXT.en as unknown as Tree);
  const keys = (map: Map<string, string>) => [...map.keys()].filter((key) => !PLURALS.test(key)).sort();
  it.each(OTHERS)('exist in %s with the same placeholders, and each plural form the language uses', (language) => {
    const translated = flatten(SERVER_TEXT[language] as unknown as Tree);
    expect(keys(translated)).toEqual(keys(english));
    for (const [key, value] of english) {
      if (PLURALS.test(key)) continue;
      expect(placeholders(translated.get(key)!), key).toEqual(placeholders(value));
      if (!mayEqualEnglish(value, language) && key !== 'minutes') expect(translated.get(key), key).not.toBe(value);
    }
    for (const base of PLURAL_BASES) {
      const forms = [...translated.keys()].filter((key) => key.startsWith(`${base}.`));
      expect(forms.map((key) => key.slice(base.length + 1)).sort(), base).toEqual([...formsOf(language)].sort());
      // A form may leave the number out ("صوت واحد", one vote), never add another placeholder.
      for (const key of forms)
        expect(
          placeholders(translated.get(key)!).every((name) => name === 'count'),
          key,
        ).toBe(true);
      expect(translated.get(`${base}.other`), base).not.toBe(english.get(`${base}.other`));
    }
  });
  it('have each plural form English uses', () => {
    for (const base of PLURAL_BASES) {
      const forms = [...english.keys()].filter((key) => key.startsWith(`${base}.`)).map((key) => key.slice(base.length + 1));
      expect(forms.sort(), base).toEqual([...formsOf('en')].sort());
    }
  });
});

describe('the words for the store’s values (statuses), shared by the server’s catalogues', () => {
  const english = flatten(STORE_WORDS.en as unknown as Tree);
  it.each(OTHERS)('exist in %s, translated', (language) => {
    const translated = flatten(STORE_WORDS[language] as unknown as Tree);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of english) {
      expect(translated.get(key)?.trim(), key).toBeTruthy();
      if (!mayEqualEnglish(value, language)) expect(translated.get(key), key).not.toBe(value);
    }
  });
});

describe('the public pages’ words', () => {
  /** The keys whose value is a set of plural forms (Intl.PluralRules), each form with its {{count}}. */
  const PLURAL_BASES = ['poll.ballots', 'registration.errors.retryIn'];
  const PLURALS = new RegExp(`^(${PLURAL_BASES.map((base) => base.replaceAll('.', '\\.')).join('|')})\\.`);
  const english = flatten(PUBLIC_TEXT.en as unknown as Tree);
  it.each(OTHERS)('exist in %s with the same placeholders, the count in each plural form, and no English left', (language) => {
    const translated = flatten(PUBLIC_TEXT[language] as unknown as Tree);
    const keys = (map: Map<string, string>) => [...map.keys()].filter((key) => !PLURALS.test(key)).sort();
    expect(keys(translated)).toEqual(keys(english));
    const problems: string[] = [];
    for (const [key, value] of english) {
      if (PLURALS.test(key)) continue;
      const other = translated.get(key)!;
      if (placeholders(other).join() !== placeholders(value).join()) problems.push(`placeholders differ in ${key}`);
      else if (other === value && !mayEqualEnglish(value, language)) problems.push(`untranslated ${key}: ${value}`);
    }
    for (const base of PLURAL_BASES) {
      const forms = [...translated.keys()].filter((key) => key.startsWith(`${base}.`)).map((key) => key.slice(base.length + 1));
      expect(forms.sort(), base).toEqual([...formsOf(language)].sort());
      for (const form of forms)
        if (placeholders(translated.get(`${base}.${form}`)!).join() !== 'count') problems.push(`no {{count}} in ${base}.${form}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the glossary', () => {
  it('gives every term in the six languages with its source', () => {
    for (const term of glossary.terms as Record<string, string>[]) {
      for (const language of LANGUAGES) expect(term[language], `${term.id} in ${language}`).toBeTruthy();
      expect(term.source).toBeTruthy();
    }
  });
});

describe('the stakeholder groups’ names', () => {
  it('are the board’s words in the server’s documents too, in every language', () => {
    // A Spanish registrations or poll results CSV said "Organización intergubernamental" where the
    // board says "Organizaciones intergubernamentales" (and so in four other languages).
    for (const language of LANGUAGES) {
      const file = language === 'en' ? path.join(root, 'en/common.json') : path.join(root, 'locales', language, 'common.json');
      expect(STORE_WORDS[language].stakeholderGroup, language).toEqual(read(file).groups);
    }
  });
});

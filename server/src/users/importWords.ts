/**
 * How a secretariat's spreadsheet writes a people file, beyond the codes: French, Spanish and
 * Russian spreadsheets save CSV with semicolons (their decimal mark is the comma), and a person
 * preparing the file in French writes the role as the board shows it ("Membre"), not its code.
 * A role or a group is read as its code or as its name in any of the six languages, in the
 * glossary's words (shared/i18n/glossary.json, which the board's catalogues also say).
 */
import glossary from '../../../shared/i18n/glossary.json' with { type: 'json' };
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages.ts';
import { isRole, isStakeholderGroup, ROLES, type Role, type StakeholderGroup } from '../../../shared/roles.ts';
import { GROUP_TERMS } from '../i18n/storeWords.ts';

/** Compared without case, accents kept (é and e are different letters in a name of a role). */
const fold = (value: string) => value.normalize('NFC').trim().toLocaleLowerCase('und');

/** A term's forms: "Président(e)" is also "président" and "présidente". */
function forms(term: string): string[] {
  const folded = fold(term);
  if (!folded.includes('(')) return [folded];
  return [folded, folded.replace(/\((\p{L}+)\)/gu, ''), folded.replace(/\((\p{L}+)\)/gu, '$1')];
}

function namesOf<Code extends string>(codes: readonly Code[], termOf: (code: Code) => string): Map<string, Code> {
  const names = new Map<string, Code>();
  for (const code of codes) {
    const entry = glossary.terms.find((candidate) => candidate.id === termOf(code));
    if (!entry) throw new Error(`glossary.json has no term ${termOf(code)}`);
    for (const language of LANGUAGES) for (const form of forms(entry[language])) names.set(form, code);
  }
  return names;
}

const ROLE_NAMES = namesOf(ROLES, (role) => role);
const GROUP_NAMES = namesOf(Object.keys(GROUP_TERMS) as StakeholderGroup[], (group) => GROUP_TERMS[group]);

/** The role a cell names (its code or its name in one of the six languages), or undefined. */
export function roleNamed(cell: string): Role | undefined {
  const value = fold(cell);
  return isRole(value) ? value : ROLE_NAMES.get(value);
}

/** The stakeholder group a cell names (its code or its name in one of the six languages), or undefined. */
export function groupNamed(cell: string): StakeholderGroup | undefined {
  const value = fold(cell);
  return isStakeholderGroup(value) ? value : GROUP_NAMES.get(value);
}

/**
 * A language's names: its code, its name in itself (the picker's) and its name in each of the six
 * languages as ICU says it ("French", "français", "французский", "法语", "الفرنسية", "francés").
 */
const LANGUAGE_WORDS = new Map<string, Language>(
  LANGUAGES.flatMap((code) => [
    [fold(LANGUAGE_NAMES[code]), code] as const,
    ...LANGUAGES.map((reader) => [fold(new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code), code] as const),
  ]),
);

/** The language a cell names (its code, `fr-CA` as `fr`, or its name in one of the six languages), or undefined. */
export function languageNamed(cell: string): Language | undefined {
  const value = fold(cell);
  const primary = value.split(/[-_]/)[0];
  return isLanguage(value) ? value : isLanguage(primary) ? primary : LANGUAGE_WORDS.get(value);
}

/**
 * The file's separator, read from its header row: the one of comma, semicolon and tab that occurs
 * most often outside quotes (a header row names its columns, so it holds at least two of them).
 */
export function delimiterOf(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const character of text.replace(/^\uFEFF/, '')) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && character in counts) counts[character as keyof typeof counts] += 1;
  }
  const [best] = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1]);
  return best![1] > 0 ? best![0] : ',';
}

/**
 * Every user-facing string goes through i18next, in the six UN languages. Each feature keeps its
 * strings in a file of its own, `en/<feature>.json`, found by the glob below (no registration):
 * its keys live under the file's name (`t('polls.vote')`), except `common.json`, whose keys are
 * at the top (`t('app.name')`). The other languages mirror it in `locales/<lang>/<feature>.json`;
 * English is bundled as the fallback, each other language loads lazily, only when chosen, as one
 * chunk with all its features (`locales/<lang>.ts`): one request, not one per feature.
 * Switching language neither reloads the page nor touches the live connection: i18next changes
 * language, React re-renders, and `lang`/`dir` on <html> follow (the CSS uses logical properties).
 * See docs/languages.md.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { directionOf, isLanguage, LANGUAGES, type Language, pickLanguage } from '../../../shared/i18n/languages.ts';

type Catalogue = Record<string, unknown>;

const english = import.meta.glob<Catalogue>('./en/*.json', { eager: true, import: 'default' });
// One module per language (locales/<lang>.ts) that holds all its files: one chunk to fetch, where a
// glob of the files themselves made one per file (22 before the first screen of a French speaker).
const others = import.meta.glob<Record<string, Catalogue>>('./locales/*.ts', { import: 'default' });

const featureOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length);

/** One language's files as one i18next resource: `common` at the top, every other file under its name. */
function assemble(files: [string, Catalogue][]): Catalogue {
  const translation: Catalogue = {};
  for (const [path, catalogue] of files) {
    const feature = featureOf(path);
    if (feature === 'common') Object.assign(translation, catalogue);
    else translation[feature] = catalogue;
  }
  return translation;
}

export const englishResource = assemble(Object.entries(english));

const loaded = new Set<Language>(['en']);

/** Fetches a language's chunk once; later switches to it are instant. */
export async function loadLanguage(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const load = others[`./locales/${language}.ts`];
  if (!load) throw new Error(`no strings for ${language}`);
  i18next.addResourceBundle(language, 'translation', assemble(Object.entries(await load())), true, true);
  loaded.add(language);
}

const STORAGE_KEY = 'plenary.language';

/** The language chosen on this device (with the picker), if any. */
export function chosenOnDevice(): Language | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be blocked; the browser's languages still decide.
  }
  return isLanguage(stored) ? stored : null;
}

/** The language chosen on this device before signing in, else the browser's (Accept-Language). */
export function deviceLanguage(): Language {
  const stored = chosenOnDevice();
  if (stored) return stored;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
}

export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'en';
}

/** Switches the whole interface; remembers the choice on this device. */
export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered on this device; the person's stored language still follows them.
  }
  if (currentLanguage() !== language) await i18next.changeLanguage(language);
}

export async function initI18n(language: Language = deviceLanguage()): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: englishResource } },
    lng: 'en',
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  const apply = (lng: string) => {
    const language = isLanguage(lng) ? lng : 'en';
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  if (language !== 'en') {
    try {
      await loadLanguage(language);
      await i18next.changeLanguage(language);
    } catch {
      // A chunk that fails to load leaves the page in English rather than blank.
    }
  }
  return i18next;
}

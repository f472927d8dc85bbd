/**
 * Every user-facing string goes through i18next. English is the only language so far; a new
 * one is a JSON file beside en.json and an entry in `resources`. `dir` follows the language so
 * that a right-to-left language lays out correctly (the CSS uses logical properties).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };

export const resources = { en: { translation: en } } as const;

export async function initI18n(language = 'en'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18next.dir(lng);
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  return i18next;
}

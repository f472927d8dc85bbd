/**
 * The six official languages of the United Nations, the only ones the board speaks. The code is
 * what `PUT /api/me` stores, what `?lang=` takes and what the client's locale folders are named.
 */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Right-to-left languages among them. */
const RTL = new Set<Language>(['ar']);

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export const directionOf = (language: Language): 'rtl' | 'ltr' => (RTL.has(language) ? 'rtl' : 'ltr');

/** Each language's name in itself, as the picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/**
 * The first of the given language tags (most preferred first, e.g. navigator.languages) that the
 * board speaks, by primary subtag: `zh-Hans-CN` is `zh`, `fr-CA` is `fr`.
 */
export function pickLanguage(tags: readonly string[], fallback: Language = 'en'): Language {
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return fallback;
}

/** Parses an Accept-Language header into tags ordered by their q-values. */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

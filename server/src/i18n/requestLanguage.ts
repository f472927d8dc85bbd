/**
 * The language a document is made in for a request: `?lang=` when given, else the language the
 * signed-in person chose, else the browser's (Accept-Language), else English.
 */
import type { FastifyRequest } from 'fastify';
import { acceptLanguageTags, isLanguage, type Language, pickLanguage } from '../../../shared/i18n/languages.ts';

export function requestLanguage(request: FastifyRequest): Language {
  const asked = publicLanguage(request);
  if (asked.chosen) return asked.language;
  const stored = (request as { user?: { language?: unknown } | null }).user?.language;
  return isLanguage(stored) ? stored : asked.language;
}

/**
 * The language of a public page: `?lang=` when given (`chosen`: the page's links keep it), else the
 * browser's. Never the signed-in person's choice: the pages are cached and shared, varying on
 * Accept-Language only.
 */
export function publicLanguage(request: FastifyRequest): { language: Language; chosen: boolean } {
  const query = request.query as { lang?: unknown } | undefined;
  if (isLanguage(query?.lang)) return { language: query.lang, chosen: true };
  return { language: pickLanguage(acceptLanguageTags(request.headers['accept-language'])), chosen: false };
}

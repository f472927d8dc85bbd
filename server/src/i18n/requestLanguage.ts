/**
 * The language a document is made in for a request: `?lang=` when given, else the language the
 * signed-in person chose, else the browser's (Accept-Language), else English.
 */
import type { FastifyRequest } from 'fastify';
import { acceptLanguageTags, isLanguage, type Language, pickLanguage } from '../../../shared/i18n/languages.ts';

export function requestLanguage(request: FastifyRequest): Language {
  const query = request.query as { lang?: unknown } | undefined;
  if (isLanguage(query?.lang)) return query.lang;
  const chosen = (request as { user?: { language?: unknown } | null }).user?.language;
  if (isLanguage(chosen)) return chosen;
  return pickLanguage(acceptLanguageTags(request.headers['accept-language']));
}

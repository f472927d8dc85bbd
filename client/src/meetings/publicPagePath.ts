import { isLanguage } from '../../../shared/i18n/languages.ts';

/**
 * The address of a public meeting's page, in the language the reader uses on the board. The public
 * pages are the server's, not the app's: link to them with a plain <a>, not the router.
 */
export const publicPagePath = (meetingId: string, language: string): string =>
  `/public/meetings/${encodeURIComponent(meetingId)}${isLanguage(language) ? `?lang=${language}` : ''}`;

import { formatDateTime } from '../../../shared/i18n/format.ts';

/** When something happened, in the reader's language and time zone. */
export function formatTime(at: number, language: string): string {
  return formatDateTime(language, at);
}

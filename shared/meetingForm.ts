/**
 * A meeting's one-line form in English ("Hybrid, Lillestrøm"): what the store keeps in `form` for
 * older API clients, built from the format and the place. Readers never see it as it is: each page
 * says the format in its own words and the place as written (server/src/i18n/storeWords.ts for the
 * public page and the pack, the meeting page's own line). Meeting changes recorded in the audit log
 * before it kept only the format and the place hold this line too; the log's page reads it back
 * into those two (formLineParts) to say it in the reader's language.
 */
import type { MeetingFormat } from './constants/meetings.ts';

/** The English label of each format in the line, as the server has always written it. */
export const FORM_LINE_LABELS: Readonly<Record<MeetingFormat, string>> = {
  'in-person': 'In person',
  online: 'Online',
  hybrid: 'Hybrid',
};

/** "Hybrid, Lillestrøm"; the format's label alone without a place. */
export function formLine(format: MeetingFormat, place: string): string {
  const label = FORM_LINE_LABELS[format] ?? FORM_LINE_LABELS.hybrid;
  return place.trim() ? `${label}, ${place.trim()}` : label;
}

/**
 * The format and the place of a line formLine wrote ("Hybrid, Lillestrøm": hybrid, Lillestrøm), or
 * undefined for any other text (a form typed by hand before meetings had a format).
 */
export function formLineParts(line: string): { format: MeetingFormat; place: string } | undefined {
  for (const [format, label] of Object.entries(FORM_LINE_LABELS) as [MeetingFormat, string][]) {
    if (line === label) return { format, place: '' };
    if (line.startsWith(`${label}, `) && line.length > label.length + 2) return { format, place: line.slice(label.length + 2) };
  }
  return undefined;
}

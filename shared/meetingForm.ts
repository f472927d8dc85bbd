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
 * of one typed by hand the same way before meetings had a format ("hybrid,Lillestrøm": the
 * migration gave such a meeting its format from the line's start, whatever its case), or undefined
 * for any other text ("plenary", "Online meeting"). The one reader of these lines: the audit log's
 * page (an older meeting change) and the server's words for a meeting from before places
 * (server/src/i18n/storeWords.ts, meetingFormOf).
 */
export function formLineParts(line: string): { format: MeetingFormat; place: string } | undefined {
  const text = line.trim();
  const lower = text.toLowerCase();
  for (const [format, label] of Object.entries(FORM_LINE_LABELS) as [MeetingFormat, string][]) {
    const start = label.toLowerCase();
    if (lower === start) return { format, place: '' };
    const place = lower.startsWith(`${start},`) ? text.slice(label.length + 1).trim() : '';
    if (place) return { format, place };
  }
  return undefined;
}

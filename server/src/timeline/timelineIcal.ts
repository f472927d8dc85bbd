/**
 * The timeline as iCalendar, for a person's calendar application (their secret feed URL), in the
 * person's language: a calendar application shows the summaries as they are, so they are said
 * here as the timeline page says them.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Language } from '../../../shared/i18n/languages.ts';
import type { TimelineItem } from '../../../shared/schemas/timeline.ts';
import { labelled, type ServerText, serverText } from '../i18n/serverText.ts';
import { timelineTitle } from './timelineTitle.ts';

const DAY_MS = 86_400_000;
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS);

const statusWord = (words: ServerText['timeline'], status: string): string =>
  (words.statuses as Record<string, string>)[status] ?? status;

export function renderTimelineIcal(
  items: TimelineItem[],
  options: { name: string; language: Language; origin?: string | undefined },
): string {
  const text = serverText(options.language);
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Plenary', product: 'Plenary', language: options.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const item of items) {
    const title = timelineTitle(item, options.language);
    const start = item.allDay ? new Date(`${item.start}T00:00:00Z`) : new Date(item.start);
    const end = item.allDay ? dayAfter(item.end ?? item.start) : new Date(start.getTime() + 30 * 60_000);
    calendar.createEvent({
      id: `${item.kind}-${item.id}@plenary`,
      start,
      end,
      allDay: item.allDay,
      summary: title.length > 160 ? `${title.slice(0, 157)}…` : title,
      // A meeting's title is its own event's title: said once, not again as the meeting it belongs to.
      description: [
        title,
        ...(item.kind === 'meeting' ? [] : [item.meetingTitle]),
        labelled(text, text.statusLabel, statusWord(text.timeline, item.status)),
      ].join('\n'),
      ...(options.origin ? { url: `${options.origin}${item.link}` } : {}),
    });
  }
  return calendar.toString();
}

/** The timeline as iCalendar, for a person's calendar application (their secret feed URL). */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { TimelineItem } from '../../../shared/schemas/timeline.ts';

const DAY_MS = 86_400_000;
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS);

export function renderTimelineIcal(items: TimelineItem[], options: { name: string; origin?: string | undefined }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Plenary', product: 'Plenary', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const item of items) {
    const start = item.allDay ? new Date(`${item.start}T00:00:00Z`) : new Date(item.start);
    const end = item.allDay ? dayAfter(item.end ?? item.start) : new Date(start.getTime() + 30 * 60_000);
    calendar.createEvent({
      id: `${item.kind}-${item.id}@plenary`,
      start,
      end,
      allDay: item.allDay,
      summary: item.title.length > 160 ? `${item.title.slice(0, 157)}…` : item.title,
      description: [item.title, item.meetingTitle, `Status: ${item.status}`].join('\n'),
      ...(options.origin ? { url: `${options.origin}${item.link}` } : {}),
    });
  }
  return calendar.toString();
}

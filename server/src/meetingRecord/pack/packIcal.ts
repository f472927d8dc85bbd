/**
 * The action items' deadlines as iCalendar: one all-day event per pending action with a due
 * date, on the last day of its range (the deadline), so that owners can put them in a calendar.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { isPending } from '../../../../shared/dueDates.ts';
import type { ActionDto } from '../../../../shared/schemas/actions.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';
import { PACK_TEXT } from './packModel.ts';

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);

export function renderIcal(meeting: Meeting, actions: ActionDto[], options: { origin?: string } = {}): string {
  const calendar = ical({
    name: `${meeting.title}: ${PACK_TEXT.actions}`,
    prodId: { company: 'Plenary', product: 'Plenary', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const action of actions) {
    if (!action.due || !isPending(action.status)) continue;
    const range = action.due.start === action.due.end ? action.due.end : `${action.due.start} – ${action.due.end}`;
    calendar.createEvent({
      id: `action-${action.id}@plenary`,
      start: new Date(`${action.due.end}T00:00:00Z`),
      end: nextDay(action.due.end),
      allDay: true,
      stamp: new Date(action.updatedAt),
      summary: `${PACK_TEXT.due}: ${action.text.length > 120 ? `${action.text.slice(0, 117)}…` : action.text}`,
      description: [
        action.text,
        `${PACK_TEXT.owner}: ${action.owner.label}`,
        `${PACK_TEXT.due}: ${action.due.label} (${range})`,
        `Status: ${PACK_TEXT.status[action.status]}`,
        meeting.title,
      ].join('\n'),
      ...(options.origin ? { url: `${options.origin}/meetings/${meeting.id}?tab=actions` } : {}),
    });
  }
  return calendar.toString();
}

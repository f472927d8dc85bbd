/**
 * The action items' deadlines as iCalendar: one all-day event per pending action with a due
 * date, on the last day of its range (the deadline), so that owners can put them in a calendar.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { isPending } from '../../../../shared/dueDates.ts';
import { formatDay } from '../../../../shared/i18n/format.ts';
import type { Language } from '../../../../shared/i18n/languages.ts';
import type { ActionDto } from '../../../../shared/schemas/actions.ts';
import { intlLocale, labelled, SERVER_TEXT } from '../../i18n/serverText.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);

export function renderIcal(
  meeting: Meeting,
  actions: ActionDto[],
  options: { origin?: string; language?: Language } = {},
): string {
  const language = options.language ?? 'en';
  const text = SERVER_TEXT[language];
  const calendar = ical({
    name: labelled(text, meeting.title, text.actions),
    prodId: { company: 'Plenary', product: 'Plenary', language: language.toUpperCase() },
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
      summary: labelled(text, text.due, action.text.length > 120 ? `${action.text.slice(0, 117)}…` : action.text),
      description: [
        action.text,
        labelled(text, text.owner, action.owner.label),
        labelled(
          text,
          text.due,
          `${language === 'en' ? action.due.label : formatDay(intlLocale(language), action.due.end)} (${range})`,
        ),
        labelled(text, text.statusLabel, text.status[action.status]),
        meeting.title,
      ].join('\n'),
      ...(options.origin ? { url: `${options.origin}/meetings/${meeting.id}?tab=actions` } : {}),
    });
  }
  return calendar.toString();
}

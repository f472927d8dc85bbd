/**
 * A timeline item's title in one language, from its kind and its own words (a poll's question, an
 * action's text and deadline as written), in the server's words (`serverText`): English for the
 * API's `title`, the person's language for their calendar feed. The timeline page says the same
 * from the client's catalogue (`client/src/timeline/TimelinePage.tsx`).
 */
import { formatDay } from '../../../shared/i18n/format.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import type { TimelineItem } from '../../../shared/schemas/timeline.ts';
import { fill, intlLocale, serverText } from '../i18n/serverText.ts';

export type TitleParts = Pick<TimelineItem, 'kind' | 'subject' | 'callKind' | 'dueLabel' | 'status' | 'start'>;

export function timelineTitle(item: TitleParts, language: Language): string {
  const words = serverText(language).timeline;
  switch (item.kind) {
    case 'meeting':
      return item.subject;
    case 'call':
      return fill(words.callCloses, { kind: words.callKinds[item.callKind ?? 'other'] });
    case 'poll':
      return fill(item.status === 'closed' ? words.pollClosed : words.pollOpen, { question: item.subject });
    case 'action':
      return fill(words.actionDue, {
        due: item.dueLabel ?? formatDay(intlLocale(language), item.start),
        text: item.subject,
      });
  }
}

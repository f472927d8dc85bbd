/**
 * Every word a notification or an email says, in one module so that the languages work can
 * translate them: each function takes the reader's language (English only for now; any other
 * falls back to it).
 */
import type { NotificationKind } from '../../../shared/schemas/notifications.ts';

/** What a notification's sentence is made of; stored with it, so it can be said in any language later. */
export interface NotificationParams {
  /** Who did it (absent for the board's own checks). */
  actor?: string;
  /** The poll's question, the action's text, the proposal's or document's title. */
  title?: string;
  /** A proposal's new status. */
  status?: string;
  /** A closed poll's results as one line ("Yes 12, No 3"), when everyone may see them. */
  results?: string;
  /** An action's due date as said. */
  due?: string;
}

export type Language = string;

interface Strings {
  text: Record<NotificationKind, (p: NotificationParams) => string>;
  kindName: Record<NotificationKind, string>;
  subjectOne: (text: string) => string;
  subjectMany: (count: number) => string;
  subjectDigest: (count: number) => string;
  introMany: (count: number) => string;
  introDigest: (count: number) => string;
  andMore: (count: number) => string;
  open: string;
  unsubscribeLine: (kind: string) => string;
  unsubscribeDigestLine: string;
  settingsLine: string;
  digestKindName: string;
  unsubscribePage: {
    title: string;
    question: (kind: string) => string;
    button: string;
    done: (kind: string) => string;
    invalid: string;
  };
}

const quote = (value: string | undefined) => (value ? `“${value}”` : '');

const EN: Strings = {
  text: {
    mention: (p) => `${p.actor ?? 'Someone'} mentioned you in a comment on ${quote(p.title)}`,
    reply: (p) => `${p.actor ?? 'Someone'} replied in a thread you wrote in on ${quote(p.title)}`,
    'poll.opened': (p) => `A poll you may vote in is open: ${quote(p.title)}`,
    'poll.closed': (p) => `A poll closed: ${quote(p.title)}${p.results ? `. Results: ${p.results}` : ''}`,
    'election.opened': (p) => `An election you vote in is open: ${quote(p.title)}`,
    'action.assigned': (p) => `${p.actor ?? 'Someone'} assigned an action to you: ${quote(p.title)}`,
    'action.due': (p) => `An action of yours is due${p.due ? ` ${p.due}` : ' in 3 days'}: ${quote(p.title)}`,
    'action.overdue': (p) => `An action of yours is overdue: ${quote(p.title)}`,
    'proposal.status': (p) => `Your proposal ${quote(p.title)} is now ${p.status ?? 'changed'}`,
    'proposal.comment': (p) => `${p.actor ?? 'Someone'} commented on your proposal ${quote(p.title)}`,
  },
  kindName: {
    mention: 'mentions',
    reply: 'replies in your threads',
    'poll.opened': 'polls opening',
    'poll.closed': 'polls closing',
    'election.opened': 'elections opening',
    'action.assigned': 'actions assigned to you',
    'action.due': 'actions falling due',
    'action.overdue': 'overdue actions',
    'proposal.status': 'your proposals’ status',
    'proposal.comment': 'comments on your proposals',
  },
  subjectOne: (text) => `[Plenary] ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`,
  subjectMany: (count) => `[Plenary] ${count} new notifications`,
  subjectDigest: (count) => `[Plenary] Your daily digest: ${count} ${count === 1 ? 'notification' : 'notifications'}`,
  introMany: (count) => `${count} things on the board need you:`,
  introDigest: (count) => `Since your last digest, ${count} ${count === 1 ? 'thing' : 'things'} happened on the board:`,
  andMore: (count) => `…and ${count} more on the board.`,
  open: 'Open',
  unsubscribeLine: (kind) => `Stop emails about ${kind}:`,
  unsubscribeDigestLine: 'Stop the daily digest:',
  settingsLine: 'Choose what you receive:',
  digestKindName: 'the daily digest',
  unsubscribePage: {
    title: 'Unsubscribe',
    question: (kind) => `Stop emails about ${kind}?`,
    button: 'Unsubscribe',
    done: (kind) => `Done: you will no longer receive emails about ${kind}. You can change this in your notification settings.`,
    invalid: 'This unsubscribe link is not valid.',
  },
};

const LANGUAGES: Record<string, Strings> = { en: EN };

export function strings(language: Language): Strings {
  return LANGUAGES[language] ?? EN;
}

export function notificationText(language: Language, kind: NotificationKind, params: NotificationParams): string {
  const say = strings(language).text[kind];
  return say ? say(params) : kind;
}

/**
 * What a notification, an email and the unsubscribe page say, in the reader's language: the
 * words come from emailCatalogue.ts (statuses from the server's one list, i18n/storeWords.ts),
 * counts choose their plural form with `counted` (i18n/serverText.ts), dates go through
 * shared/i18n/format.ts. A language the board does not speak falls back to English.
 */
import { formatDateTime, formatDay, isolate } from '../../../shared/i18n/format.ts';
import { directionOf, isLanguage, type Language } from '../../../shared/i18n/languages.ts';
import { CALL_KINDS, type CallKind } from '../../../shared/schemas/meetings.ts';
import type { NotificationKind } from '../../../shared/schemas/notifications.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../shared/schemas/proposals.ts';
import { fill, intlLocale } from '../i18n/serverText.ts';
import { STORE_WORDS } from '../i18n/storeWords.ts';
import { EMAIL_CATALOGUES, type EmailCatalogue, type SentenceKey } from './emailCatalogue.ts';

export type { Language } from '../../../shared/i18n/languages.ts';

/** What a notification's sentence is made of; stored with it, so it is said in each reader's language. */
export interface NotificationParams {
  /** Who did it (absent for the board's own checks). */
  actor?: string;
  /** The poll's question, the action's text, the proposal's or document's title. */
  title?: string;
  /** A proposal's new status (one of PROPOSAL_STATUSES). */
  status?: string;
  /** A closed poll's results as one line ("Yes 12, No 3"), when everyone may see them. */
  results?: string;
  /** An action's due date as the meeting said it (kept for webhooks and older notifications). */
  due?: string;
  /** An action's last due day (YYYY-MM-DD), said as a date in the reader's language. */
  dueOn?: string;
  /** The name of a published agenda version. */
  version?: string;
  /** A call for proposals' kind (CALL_KINDS) and when it closes (epoch milliseconds). */
  callKind?: string;
  closesAt?: number;
}

/** The reader's language when it is one of the six, else English. */
export const readerLanguage = (language: string | null | undefined): Language => (isLanguage(language) ? language : 'en');

export const catalogue = (language: string): EmailCatalogue => EMAIL_CATALOGUES[readerLanguage(language)];

const isCallKind = (value: string | undefined): value is CallKind =>
  value !== undefined && (CALL_KINDS as readonly string[]).includes(value);

/** A call's closing moment: in UTC, said so, since an email cannot know where its reader is. */
const closing = (language: Language, at: number) =>
  `${formatDateTime(intlLocale(language), at, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

const isStatus = (value: string | undefined): value is ProposalStatus =>
  value !== undefined && (PROPOSAL_STATUSES as readonly string[]).includes(value);

/** The sentence of one notification. People's words (names, titles) are isolated on a right-to-left reader's page. */
export function notificationText(language: string, kind: NotificationKind, params: NotificationParams): string {
  const lang = readerLanguage(language);
  const say = EMAIL_CATALOGUES[lang];
  const own = (text: string) => (directionOf(lang) === 'rtl' ? isolate(text) : text);
  let key: SentenceKey = kind;
  if (kind === 'poll.closed' && params.results) key = 'poll.closedResults';
  if (kind === 'action.due' && !params.dueOn) key = 'action.dueSoon';
  const template = say.sentence[key];
  if (!template) return kind;
  return fill(template, {
    actor: params.actor ? own(params.actor) : say.someone,
    title: own(params.title ?? ''),
    results: own(params.results ?? ''),
    status: isStatus(params.status) ? STORE_WORDS[lang].proposalStatus[params.status] : own(params.status ?? ''),
    due: params.dueOn ? formatDay(intlLocale(lang), params.dueOn) : '',
    version: own(params.version ?? ''),
    call: isCallKind(params.callKind) ? say.callKind[params.callKind] : '',
    date: params.closesAt === undefined ? '' : closing(lang, params.closesAt),
  });
}

/** How an email and the unsubscribe page name a kind of notification (or the digest). */
export function kindName(language: string, kind: NotificationKind | 'digest'): string {
  const say = catalogue(language);
  return kind === 'digest' ? say.digestKindName : (say.kindName[kind] ?? kind);
}

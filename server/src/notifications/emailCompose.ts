/** Builds the plain-text and HTML email of one or more notifications (an immediate email or a digest). */

import { directionOf } from '../../../shared/i18n/languages.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/schemas/notifications.ts';
import { counted, fill } from '../i18n/serverText.ts';
import { catalogue, kindName, type Language, notificationText, readerLanguage } from './emailStrings.ts';
import type { OutgoingEmail } from './mailer.ts';
import type { StoredNotification } from './notificationStore.ts';

/** A digest lists at most this many notifications, then says how many more there are. */
export const DIGEST_MAX_ITEMS = 200;

export interface ComposeInput {
  to: string;
  language: Language;
  origin: string;
  items: StoredNotification[];
  /** Notifications beyond `items` (a digest's "and N more"). */
  more: number;
  digest: boolean;
  /** The one-click unsubscribe URL (for the kind, or for the digest). */
  unsubscribeUrl: string;
  messageId: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The kind an immediate email is about (for its unsubscribe link): the commonest among its items. */
export function mainKind(items: StoredNotification[]): NotificationKind {
  const counts = new Map<NotificationKind, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  let best: NotificationKind = items[0]?.kind ?? NOTIFICATION_KINDS[0];
  for (const [kind, count] of counts) if (count > (counts.get(best) ?? 0)) best = kind;
  return best;
}

export function composeEmail(input: ComposeInput): OutgoingEmail {
  const language = readerLanguage(input.language);
  const say = catalogue(language);
  const count = (plural: Parameters<typeof counted>[1], n: number) => counted(language, plural, n);
  const total = input.items.length + input.more;
  const lines = input.items.map((item) => ({
    text: notificationText(language, item.kind, item.params),
    url: input.origin + item.link,
  }));
  let subject: string;
  let intro: string | null = null;
  if (input.digest) {
    subject = count(say.subjectDigest, total);
    intro = count(say.introDigest, total);
  } else if (lines.length === 1) {
    const text = lines[0]!.text;
    subject = `[Plenary] ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`;
  } else {
    subject = count(say.subjectMany, total);
    intro = count(say.introMany, total);
  }
  const unsubscribeLine = input.digest
    ? say.unsubscribeDigestLine
    : fill(say.unsubscribeLine, { kind: kindName(language, mainKind(input.items)) });
  const andMore = count(say.andMore, input.more);
  const settingsUrl = `${input.origin}/settings/notifications`;

  const text = [
    ...(intro ? [intro, ''] : []),
    ...lines.flatMap((line) => [`- ${line.text}`, `  ${line.url}`]),
    ...(input.more > 0 ? ['', andMore] : []),
    '',
    '-- ',
    `${unsubscribeLine} ${input.unsubscribeUrl}`,
    `${say.settingsLine} ${settingsUrl}`,
    '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body dir="${directionOf(language)}">
${intro ? `<p>${escapeHtml(intro)}</p>\n` : ''}<ul>
${lines.map((line) => `<li>${escapeHtml(line.text)} — <a href="${escapeHtml(line.url)}">${escapeHtml(say.open)}</a></li>`).join('\n')}
</ul>
${input.more > 0 ? `<p>${escapeHtml(andMore)}</p>\n` : ''}<hr>
<p><small>${escapeHtml(unsubscribeLine)} <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(input.unsubscribeUrl)}</a><br>
${escapeHtml(say.settingsLine)} <a href="${escapeHtml(settingsUrl)}">${escapeHtml(settingsUrl)}</a></small></p>
</body></html>
`;
  return {
    to: input.to,
    subject,
    text,
    html,
    messageId: input.messageId,
    headers: {
      // RFC 8058: a mail client may unsubscribe with one POST, no sign-in.
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // Which notifications it carries, for tracing (and the exactly-once tests); long lists are left out.
      ...(input.items.length <= 50 ? { 'X-Plenary-Notifications': input.items.map((item) => item.id).join(' ') } : {}),
    },
  };
}

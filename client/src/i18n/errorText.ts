/**
 * Says a refusal in the reader's language from its code alone: the server's English sentence is
 * never shown. A code the client does not know yet (a newer server) still reads as a sentence
 * naming the code. `details` fill the placeholders (`{{field}}`…) of the code's message.
 */
import i18next from 'i18next';
import { formatList } from '../../../shared/i18n/format.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';

export function errorText(code: string, details?: unknown): string {
  const values = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const key = `errors.${code}`;
  const options =
    code === 'MEETING_DAYS_IN_USE'
      ? { ...values, code, items: itemsOnRemovedDays(values.items) }
      : code === 'ELECTION_OPEN'
        ? { ...values, code, context: electionHeldBack(values) }
        : code === 'DUPLICATE'
          ? { ...values, code, context: duplicateOf(values) }
          : { ...values, code };
  // With the count, so that a code said only in plural forms is found.
  const message = i18next.exists(key, options) ? i18next.t(key, options) : i18next.t('errors.generic', { code });
  const field = typeof values.field === 'string' ? values.field : undefined;
  if (field && code === 'BAD_REQUEST') return i18next.t('errors.withField', { message, field });
  if (code === 'MEETING_NOT_EMPTY') return [message, meetingContent(values.content)].filter(Boolean).join(' ');
  return message;
}

/**
 * What an open election holds back (`details.held` of ELECTION_OPEN): its ballot's nominations, a
 * candidate in the group, or the one role it fills, a co-facilitator or a liaison of that title.
 * The message says that one thing (`ELECTION_OPEN_liaison`…); without it, the general sentence.
 */
function electionHeldBack(values: Record<string, unknown>): string | undefined {
  if (values.held === 'nominations' || values.held === 'candidate') return values.held;
  if (values.held !== 'role') return undefined;
  if (values.role === 'co-facilitator') return 'coFacilitator';
  return values.role === 'liaison' && typeof values.title === 'string' ? 'liaison' : undefined;
}

/**
 * A working group's name taken (`details.taken`, the other group's name): by another group, or, for
 * one of two groups left reading as one name (`twin`), by its twin, which one of the two must
 * leave first. Other DUPLICATEs keep the general sentence.
 */
function duplicateOf(values: Record<string, unknown>): string | undefined {
  if (values.field !== 'name' || typeof values.taken !== 'string') return undefined;
  return values.twin === true ? 'groupTwin' : 'groupName';
}

/**
 * What keeps a meeting from being deleted, from the refusal's counts per kind ("It holds:
 * proposals: 3, polls: 1."): the secretariat learns what archiving would keep. Kinds the client
 * does not know (a newer server's) are left out rather than shown as table names.
 */
function meetingContent(content: unknown): string {
  if (!content || typeof content !== 'object') return '';
  const items = Object.entries(content as Record<string, unknown>)
    .filter(([kind, count]) => typeof count === 'number' && i18next.exists(`errors.meetingContent.${kind}`))
    .map(([kind, count]) => i18next.t('errors.meetingContent.item', { kind: i18next.t(`errors.meetingContent.${kind}`), count }));
  if (items.length === 0) return '';
  const list = formatList(i18next.language, items, 'unit');
  return i18next.t('errors.meetingContent.holds', { list });
}

/**
 * The agenda items that keep a meeting's dates from being shortened, as the agenda numbers them
 * ("7. IGF 2025 MAG Working Groups and 8. (untitled item)"): the secretariat moves these first.
 */
function itemsOnRemovedDays(items: unknown): string {
  if (!Array.isArray(items)) return '';
  const named = items
    .filter(
      (item): item is { fullNumber: string; title: string } =>
        typeof item?.fullNumber === 'string' && typeof item?.title === 'string',
    )
    .map((item) => numberedTitle(item, i18next.t));
  return formatList(i18next.language, named, 'conjunction');
}

/**
 * An audit entry in the reader's words: the action's label and the detail's field names come from
 * the `auditLog` catalogue. A code or a key it does not know (an older entry, a newer server) is
 * shown as it is, so nothing recorded is hidden from the secretariat.
 */
import type { i18n as I18n } from 'i18next';
import { NOTIFICATION_KINDS } from '../../../shared/constants/notifications.ts';
import { isLanguage, LANGUAGE_NAMES } from '../../../shared/i18n/languages.ts';
import { formLineParts } from '../../../shared/meetingForm.ts';

/** Entries about a person, whose `name` is the person's name, not a thing's title (Имя, not Название). */
const PERSON_ACTION = /^(user|sso|auth|registration)\./;
const NOTIFICATION_KIND: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

/** "Ballot cast" for `poll.ballot.cast` (the catalogue's keys are the codes, dots and all). */
export function actionLabel(i18n: I18n, action: string): string {
  const key = `auditLog.actions.${action}`;
  return i18n.exists(key) ? i18n.t(key) : action;
}

/**
 * "Meeting" for `meetingId`; an unknown key as it is. `action` is the entry's: a person's name is
 * labelled apart from a thing's, and the keys of notification settings' email modes are kinds of
 * notification ("action.overdue"), labelled as on the settings page.
 */
export function fieldLabel(i18n: I18n, field: string, action = ''): string {
  if (action === 'notifications.settings' && NOTIFICATION_KIND.has(field)) return i18n.t(`notifications.kinds.${field}`);
  if (!/^[A-Za-z0-9]+$/.test(field)) return field;
  const person = `auditLog.personFields.${field}`;
  if (PERSON_ACTION.test(action) && i18n.exists(person)) return i18n.t(person);
  const key = `auditLog.fields.${field}`;
  return i18n.exists(key) ? i18n.t(key) : field;
}

/**
 * A recorded code in the reader's words, by the field it is in: a role, a stakeholder group, a
 * language, a status, a field's name. A code the catalogue does not know is shown as it is.
 */
export function codeLabel(i18n: I18n, action: string, field: string, value: string): string {
  if (field === 'language' && isLanguage(value)) return LANGUAGE_NAMES[value];
  if (field === 'field') return fieldLabel(i18n, value, action);
  const key = codeLabelKey(action, field, value);
  return key && i18n.exists(key) ? i18n.t(key) : value;
}

/**
 * Whether a field of a detail goes unshown because another of its fields says it in the reader's
 * words: a refused ballot's `message` is the server's English sentence for its `code`, which reads
 * as the reason from the catalogue (errors.json). Kept where the code has no label (a newer
 * server's), so that the reason is never lost; the CSV keeps both.
 */
export function saidByCode(i18n: I18n, action: string, field: string, record: Record<string, unknown>): boolean {
  if (action !== 'poll.ballot.refused' || field !== 'message') return false;
  const code = record.code;
  return typeof code === 'string' && codeLabel(i18n, action, 'code', code) !== code;
}

/**
 * A meeting's one-line form as an older meeting change recorded it, in English ("Hybrid, Geneva"),
 * said in the reader's words: the format's label as in the meeting form, and the place as written
 * (isolated, U+2068 … U+2069). Undefined for a line the server did not build (typed by hand before
 * meetings had a format), which is shown as it is. New entries record the format and the place alone.
 */
export function formText(i18n: I18n, line: string): string | undefined {
  const parts = formLineParts(line);
  if (!parts) return undefined;
  const format = i18n.t(`meetingAdmin.formats.${parts.format}`);
  return parts.place ? i18n.t('auditLog.formAt', { format, place: `\u2068${parts.place}\u2069` }) : format;
}

/**
 * The catalogue key of a code's label (whether the catalogue has it or not), or undefined for a
 * field whose values are not codes. Codes are labelled where the rest of the client labels them:
 * a meeting's format and visibility as in the meeting form, a poll's audience as in the poll form,
 * a balance rule as in the chair's controls, a refused ballot's error code by the message the voter read
 * (and its reason, closed or not in the audience, by the log's own words).
 */
export function codeLabelKey(action: string, field: string, value: string): string | undefined {
  const key = codeKey(action, field);
  // A proposal's status is recorded as "under discussion", its label's key is "under-discussion".
  const code = value.replaceAll(' ', '-');
  if (!key || !/^[A-Za-z][\w.-]*$/.test(code)) return undefined;
  // The poll form's labels of an audience are `audienceMembers`, `audienceEveryone`, `audienceGroup`.
  if (key === 'polls.form') return `${key}.audience${code[0]!.toUpperCase()}${code.slice(1)}`;
  return `${key}.${code}`;
}

/** Where the labels of the codes a field of an action holds are, in the catalogue. */
function codeKey(action: string, field: string): string | undefined {
  const feature = action.slice(0, action.indexOf('.') + 1);
  if (field === 'role' || field === 'roles') return 'roles';
  if (field === 'group') return 'groups';
  if (field === 'outcome' || field === 'via' || field === 'method') return `auditLog.codes.${field}`;
  if (action === 'notifications.settings' && NOTIFICATION_KIND.has(field)) return 'notifications.modes';
  if (field === 'kinds' && (action === 'notifications.unsubscribe' || action === 'webhook.create')) return 'notifications.kinds';
  if (field === 'status' || field === 'previousStatus') {
    if (feature === 'proposal.') return 'proposals.statuses';
    if (feature === 'user.') return 'people.admin.statuses';
    if (feature === 'action.') return 'actions.statusName';
  }
  if (field === 'kind') {
    if (feature === 'action.') return 'actions.ownerKind';
    if (feature === 'proposal.') return 'proposals.kinds';
    if (feature === 'poll.') return 'polls.kinds';
    if (feature === 'call.') return 'calls.kinds';
  }
  if (field === 'type' && feature === 'action.') return 'actions.sourceType';
  if (feature === 'meeting.') {
    if (field === 'format') return 'meetingAdmin.formats';
    if (field === 'visibility') return 'meetingAdmin.visibility';
  }
  if (field === 'audience' && feature === 'poll.') return 'polls.form';
  if (field === 'code' && action === 'poll.ballot.refused') return 'errors';
  // Why, beside the code's general sentence: closed or not open yet, not in the poll's audience.
  if (field === 'reason' && action === 'poll.ballot.refused') return 'auditLog.codes.ballotReason';
  if ((field === 'balanceRule' || field === 'rule') && feature === 'floor.') return 'floor.rule';
  if (field === 'mode' && action === 'attendance.checked-in') return 'floor.attendance.mode';
  if (field === 'scopes' && feature === 'token.') return 'tokens.scopeLabel';
  return undefined;
}

/** "Meeting" for a subject `meeting:…`, "People" for `users`; an unknown kind as it is. */
export function subjectLabel(i18n: I18n, kind: string): string {
  const key = `auditLog.subjects.${kind}`;
  return /^[A-Za-z]+$/.test(kind) && i18n.exists(key) ? i18n.t(key) : kind;
}

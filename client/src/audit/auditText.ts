/**
 * An audit entry in the reader's words: the action's label and the detail's field names come from
 * the `auditLog` catalogue. A code or a key it does not know (an older entry, a newer server) is
 * shown as it is, so nothing recorded is hidden from the secretariat.
 */
import type { i18n as I18n } from 'i18next';
import { isLanguage, LANGUAGE_NAMES } from '../../../shared/i18n/languages.ts';

/** "Ballot cast" for `poll.ballot.cast` (the catalogue's keys are the codes, dots and all). */
export function actionLabel(i18n: I18n, action: string): string {
  const key = `auditLog.actions.${action}`;
  return i18n.exists(key) ? i18n.t(key) : action;
}

/** "Meeting" for `meetingId`; an unknown key as it is. */
export function fieldLabel(i18n: I18n, field: string): string {
  const key = `auditLog.fields.${field}`;
  return /^[A-Za-z0-9]+$/.test(field) && i18n.exists(key) ? i18n.t(key) : field;
}

/**
 * A recorded code in the reader's words, by the field it is in: a role, a stakeholder group, a
 * language, a status, a field's name. A code the catalogue does not know is shown as it is.
 */
export function codeLabel(i18n: I18n, action: string, field: string, value: string): string {
  if (field === 'language' && isLanguage(value)) return LANGUAGE_NAMES[value];
  if (field === 'field') return fieldLabel(i18n, value);
  const key = codeKey(action, field);
  return key && /^[a-z-]+$/.test(value) && i18n.exists(`${key}.${value}`) ? i18n.t(`${key}.${value}`) : value;
}

function codeKey(action: string, field: string): string | undefined {
  if (field === 'role' || field === 'roles') return 'roles';
  if (field === 'group') return 'groups';
  if (field === 'status' || field === 'previousStatus') {
    if (action.startsWith('proposal.')) return 'proposals.statuses';
    if (action.startsWith('user.')) return 'people.admin.statuses';
  }
  return undefined;
}

/** "Meeting" for a subject `meeting:…`, "People" for `users`; an unknown kind as it is. */
export function subjectLabel(i18n: I18n, kind: string): string {
  const key = `auditLog.subjects.${kind}`;
  return /^[A-Za-z]+$/.test(kind) && i18n.exists(key) ? i18n.t(key) : kind;
}

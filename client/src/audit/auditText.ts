/**
 * An audit entry in the reader's words: the action's label and the detail's field names come from
 * the `auditLog` catalogue. A code or a key it does not know (an older entry, a newer server) is
 * shown as it is, so nothing recorded is hidden from the secretariat.
 */
import type { i18n as I18n } from 'i18next';

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

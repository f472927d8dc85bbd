/**
 * Which ids an audit entry holds, and of what. The log records ids (they never change; a name or a
 * title may), and its reader wants names: the server looks up the people, meetings, polls,
 * proposals, working groups, agenda items, action items, calls, questions, documents, API tokens,
 * comment threads and comments an entry refers to (`names` of each entry, GET /api/audit-log), and
 * the page shows them in place of the ids. A speaker's hand (a request to speak) is named by whose it
 * is and the agenda item it was raised on, an agenda version by its name. Ids of other things (a
 * webhook) are shown as ids, marked as having no name known.
 */

export type AuditRefKind =
  | 'person'
  | 'meeting'
  | 'poll'
  | 'proposal'
  | 'workingGroup'
  | 'agendaItem'
  | 'action'
  | 'call'
  | 'question'
  | 'attachment'
  | 'token'
  | 'thread'
  | 'comment'
  | 'hand'
  | 'version';

/** Detail fields holding the id of a thing the log can name, or a list of them, at any depth of the detail. */
export const AUDIT_REF_FIELDS: Readonly<Record<string, AuditRefKind>> = {
  userId: 'person',
  authorId: 'person',
  nomineeId: 'person',
  coAuthorIds: 'person',
  meetingId: 'meeting',
  copyFrom: 'meeting',
  pollId: 'poll',
  proposalId: 'proposal',
  itemId: 'agendaItem',
  agendaItemId: 'agendaItem',
  threadId: 'thread',
  commentId: 'comment',
  handId: 'hand',
  versionId: 'version',
};

/**
 * Fields whose meaning depends on the action (an action, or every action under a prefix ending in
 * '.'): `id` is a person in an import's list of people, and a thread's elsewhere.
 */
const ACTION_REF_FIELDS: Readonly<Record<string, Readonly<Record<string, AuditRefKind>>>> = {
  'user.import': { id: 'person' },
  'meeting.current-item': { from: 'agendaItem', to: 'agendaItem' },
  // The list of speakers in its new order: its hands, each read as whose it is.
  'floor.queue.reordered': { ids: 'hand' },
  'workingGroup.': { parentId: 'workingGroup', with: 'workingGroup' },
};

/** Detail fields holding ids of things the log has no name for. */
export const AUDIT_ID_FIELDS: ReadonlySet<string> = new Set(['id', 'ids', 'parentId', 'with']);

const SUBJECT_KINDS: Readonly<Record<string, AuditRefKind>> = {
  user: 'person',
  meeting: 'meeting',
  poll: 'poll',
  proposal: 'proposal',
  workingGroup: 'workingGroup',
  action: 'action',
  call: 'call',
  question: 'question',
  attachment: 'attachment',
  // A token by the label its owner gave it; its secret is never stored, only its hash.
  token: 'token',
  // A thread by its first comment and the document it is on; a comment by its text and author.
  thread: 'thread',
  comment: 'comment',
  // A webhook stays unnamed: its address is all it has, and an address may carry a secret.
};

/** What a detail field of an entry of `action` names, if the log can name it. */
export function auditFieldKind(action: string, field: string): AuditRefKind | undefined {
  const prefix = action.includes('.') ? action.slice(0, action.indexOf('.') + 1) : '';
  return ACTION_REF_FIELDS[action]?.[field] ?? ACTION_REF_FIELDS[prefix]?.[field] ?? AUDIT_REF_FIELDS[field];
}

/** What an action item's source (`{type, id}`) refers to by its `id`, by its `type`. */
const SOURCE_REF_KINDS: Readonly<Record<string, AuditRefKind>> = { agendaItem: 'agendaItem', comment: 'comment', poll: 'poll' };

/**
 * What a detail field names, read within the record that holds it (`record`): an action item's
 * source `{type, id}` names by `id` what its `type` says (an agenda item, a comment, a poll), and
 * a group owner's `{kind: 'group', refId}` names a working group by `refId`; else as
 * `auditFieldKind` says. An action item's owner of kind `body` keeps its `refId` as recorded text.
 */
export function auditFieldKindIn(
  action: string,
  field: string,
  record: Record<string, unknown> | undefined,
): AuditRefKind | undefined {
  if (record && action.startsWith('action.')) {
    if (field === 'id' && typeof record.type === 'string' && Object.hasOwn(SOURCE_REF_KINDS, record.type))
      return SOURCE_REF_KINDS[record.type];
    if (field === 'refId' && record.kind === 'group') return 'workingGroup';
  }
  return auditFieldKind(action, field);
}

/** Whether a detail field holds ids: ids the log names, or ids it shows marked as having no name known. */
export function isAuditIdField(action: string, field: string, record?: Record<string, unknown>): boolean {
  return auditFieldKindIn(action, field, record) !== undefined || AUDIT_ID_FIELDS.has(field);
}

/**
 * The field a value stands for: the `from` and `to` of a change are values of the field changed,
 * named by the record's `field` (`{field: 'role', from, to}`) or by the key the change is under
 * (`{agendaItemId: {from, to}}`); `parent` is that field.
 */
export function detailField(field: string, parent: string | undefined): string {
  return parent !== undefined && (field === 'from' || field === 'to') ? parent : field;
}

/** The field the values of `record` stand for when they are a change: its `field`, else the key it is under. */
export function changedField(record: Record<string, unknown>, under: string | undefined): string | undefined {
  return typeof record.field === 'string' ? record.field : under;
}

/** `meeting:abc` is the meeting abc; `users` (an import) names nothing. */
export function subjectParts(subject: string): { kind: string; id: string; ref?: AuditRefKind } | undefined {
  const colon = subject.indexOf(':');
  if (colon <= 0) return undefined;
  const kind = subject.slice(0, colon);
  const ref = SUBJECT_KINDS[kind];
  return { kind, id: subject.slice(colon + 1), ...(ref ? { ref } : {}) };
}

/**
 * The meeting an entry is about (its subject, or the detail's `meetingId`): an agenda item's id
 * means something only in its meeting's agenda (a meeting made from another keeps its items' ids).
 */
export function entryMeetingId(subject: string, detail: unknown): string | undefined {
  const parts = subjectParts(subject);
  if (parts?.ref === 'meeting') return parts.id;
  const meetingId = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>).meetingId : undefined;
  return typeof meetingId === 'string' && meetingId !== '' ? meetingId : undefined;
}

/** Every id an entry refers to that the log can name, with its kind, in its subject and its detail. */
export function auditRefs(action: string, subject: string, detail: unknown): { kind: AuditRefKind; id: string }[] {
  const found: { kind: AuditRefKind; id: string }[] = [];
  const parts = subjectParts(subject);
  if (parts?.ref) found.push({ kind: parts.ref, id: parts.id });
  const walk = (value: unknown, field: string | undefined, record?: Record<string, unknown>) => {
    if (typeof value === 'string') {
      const kind = field === undefined ? undefined : auditFieldKindIn(action, field, record);
      // An empty id is no id: a hand raised while no item was current.
      if (kind && value !== '') found.push({ kind, id: value });
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, field, record);
    } else if (value !== null && typeof value === 'object') {
      const fields = value as Record<string, unknown>;
      const parent = changedField(fields, field);
      for (const [key, inner] of Object.entries(fields)) walk(inner, detailField(key, parent), fields);
    }
  };
  walk(detail, undefined);
  return found;
}

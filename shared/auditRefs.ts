/**
 * Which ids an audit entry holds, and of what. The log records ids (they never change; a name or a
 * title may), and its reader wants names: the server looks up the people and meetings an entry
 * refers to (`names` of each entry, GET /api/audit-log), and the page shows them in place of the ids.
 * Ids of other things (an agenda item, a thread) are shown as ids, marked as having no name known.
 */

export type AuditRefKind = 'person' | 'meeting';

/** Detail fields holding the id of a person or a meeting, or a list of them, at any depth of the detail. */
export const AUDIT_REF_FIELDS: Readonly<Record<string, AuditRefKind>> = {
  userId: 'person',
  authorId: 'person',
  nomineeId: 'person',
  coAuthorIds: 'person',
  meetingId: 'meeting',
  copyFrom: 'meeting',
};

/** Detail fields holding ids of things the log has no name for. */
export const AUDIT_ID_FIELDS: ReadonlySet<string> = new Set([
  'agendaItemId',
  'commentId',
  'handId',
  'id',
  'ids',
  'itemId',
  'parentId',
  'pollId',
  'threadId',
  'versionId',
  'with',
]);

const SUBJECT_KINDS: Readonly<Record<string, AuditRefKind>> = { user: 'person', meeting: 'meeting' };

/** `meeting:abc` is the meeting abc; `users` (an import) names nothing. */
export function subjectParts(subject: string): { kind: string; id: string; ref?: AuditRefKind } | undefined {
  const colon = subject.indexOf(':');
  if (colon <= 0) return undefined;
  const kind = subject.slice(0, colon);
  const ref = SUBJECT_KINDS[kind];
  return { kind, id: subject.slice(colon + 1), ...(ref ? { ref } : {}) };
}

/** Every person and meeting id an entry refers to, in its subject and its detail. */
export function auditRefs(subject: string, detail: unknown): { kind: AuditRefKind; id: string }[] {
  const found: { kind: AuditRefKind; id: string }[] = [];
  const parts = subjectParts(subject);
  if (parts?.ref) found.push({ kind: parts.ref, id: parts.id });
  const walk = (value: unknown, kind: AuditRefKind | undefined) => {
    if (typeof value === 'string' && kind) found.push({ kind, id: value });
    else if (Array.isArray(value)) for (const item of value) walk(item, kind);
    else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, AUDIT_REF_FIELDS[key]);
  };
  walk(detail, undefined);
  return found;
}

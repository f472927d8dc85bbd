import { type Static, Type } from 'typebox';
import { LanguageSchema } from './common.ts';

export const AuditEntrySchema = Type.Object({
  id: Type.Number(),
  /** ISO 8601 instant, UTC. */
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  /** The actor's name when the actor is a person of the board. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subject: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  /**
   * The names of what the entry refers to by id (its subject and the detail's fields in
   * shared/auditRefs.ts: people, meetings, polls, proposals, working groups, agenda items,
   * action items, calls, questions, documents, API tokens, comment threads, comments), as they are now; null for a thing that
   * no longer exists. An id the server does not name is left out.
   */
  names: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
});
export type AuditEntryDto = Static<typeof AuditEntrySchema>;

export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64, description: 'a user id' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'an action, or a prefix ending in "." (meeting.)' })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date (from its start) or instant' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date (to its end) or instant' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  /** The reader's language, for the names the server words itself (a thread: "… by …, on …"). */
  lang: Type.Optional(LanguageSchema),
});
export type AuditQuery = Static<typeof AuditQuery>;

/** Schemas of the public pages (/public/...) and of registration for a public meeting. */
import { type Static, Type } from 'typebox';

const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

export const PublicMeetingParams = Type.Object({ meetingId: Id });
export const PublicPollParams = Type.Object({ meetingId: Id, pollId: Id });
export const PublicAttachmentParams = Type.Object({ meetingId: Id, attachmentId: Id });
/** A version's id, or its id followed by `.md` for the exported content. */
export const PublicVersionParams = Type.Object({
  meetingId: Id,
  versionId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(\\.md)?$' }),
});

/** What the live script of a public page polls: a hash that changes when the page would. */
export const PublicFingerprint = Type.Object({ fingerprint: Type.String() });

/** An HTML page, a feed or a file: documented for OpenAPI, sent as is. */
export const PublicDocument = Type.Unsafe<string | Uint8Array>({ type: 'string', description: 'the page or file' });

const Group = Type.Enum(['government', 'private-sector', 'civil-society', 'technical-community', 'intergovernmental'], {
  description: 'stakeholder group',
});

/**
 * Name and country are checked for visible text by the service, which names every wrong field at
 * once (`fieldProblems`), as the HTML form's POST (no schema) needs too. A group left unchosen
 * ('') passes the schema so that it is named with the others, as `empty`.
 */
export const RegistrationBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  group: Type.Union([Group, Type.Literal('', { description: 'not chosen: refused as empty' })]),
  country: Type.String({ minLength: 1, maxLength: 100 }),
  affiliation: Type.String({ maxLength: 200 }),
  /** The honeypot: hidden from people, filled by simple bots; must stay empty. */
  website: Type.Optional(Type.String({ maxLength: 200 })),
  /** The signed time the form was handed out (from the public page or `GET …/registrations/form`). */
  formToken: Type.String({ minLength: 1, maxLength: 200 }),
});
export type RegistrationBody = Static<typeof RegistrationBody>;

export const RegistrationSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  group: Type.String(),
  country: Type.String(),
  affiliation: Type.String(),
  createdAt: Type.Integer(),
  /** True once the person confirmed their email by setting a password through the link. */
  confirmed: Type.Boolean(),
});
export type RegistrationDto = Static<typeof RegistrationSchema>;

export const RegistrationAccepted = Type.Object({
  status: Type.Literal('pending'),
  message: Type.String(),
});

export const RegistrationFormToken = Type.Object({ formToken: Type.String(), minSeconds: Type.Integer() });

export const RegistrationSettings = Type.Object({ open: Type.Boolean() });
export type RegistrationSettings = Static<typeof RegistrationSettings>;
/** What the secretariat reads: open or not, and `archived` when the meeting is (closed for good, nobody can open it). */
export const RegistrationStatus = Type.Object({ open: Type.Boolean(), archived: Type.Boolean() });
export type RegistrationStatus = Static<typeof RegistrationStatus>;

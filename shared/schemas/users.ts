import { type Static, Type } from 'typebox';
import { MIN_PASSWORD_LENGTH, USER_STATUSES } from '../constants/users.ts';
import { GroupSchema, LanguageSchema, RequiredText, RoleSchema } from './common.ts';

export { MIN_PASSWORD_LENGTH, USER_STATUSES, type UserStatus } from '../constants/users.ts';

export const UserStatusSchema = Type.Enum(USER_STATUSES, { description: 'invited, active or deactivated' });

export const PasswordSchema = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: 1024,
  description: 'at least 10 characters',
});

const Name = RequiredText(200);
const Email = Type.String({ minLength: 3, maxLength: 254, description: 'an email address' });
const Optional = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

/** A user as the secretariat manages them. */
export const ManagedUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  group: GroupSchema,
  region: Type.Union([Type.String(), Type.Null()]),
  affiliation: Type.Union([Type.String(), Type.Null()]),
  /** The person's language (their board, emails, documents); null when never chosen. */
  language: Type.Union([LanguageSchema, Type.Null()]),
  status: UserStatusSchema,
  disabled: Type.Boolean(),
  /**
   * The person never accepted their invitation, so has no password: true for a deactivated one too
   * (whose status is `deactivated`), who after reactivation still needs an invitation link to sign in.
   */
  invitationPending: Type.Boolean(),
  /**
   * Made by a registration for a public meeting and given no role since: reads only the public
   * meetings (docs/public-consultation.md). A new role or `publicOnly: false` (PATCH) clears it.
   */
  publicOnly: Type.Boolean(),
  createdAt: Type.Number(),
});
export type ManagedUser = Static<typeof ManagedUser>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words found in name, email, region or affiliation' })),
  role: Type.Optional(RoleSchema),
  group: Type.Optional(GroupSchema),
  status: Type.Optional(UserStatusSchema),
  language: Type.Optional(
    Type.Union([LanguageSchema, Type.Literal('none')], {
      description: 'a language, or none for people whose language was never chosen',
    }),
  ),
});
export type UserListQuery = Static<typeof UserListQuery>;

export const UserPatch = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(RoleSchema),
    group: Type.Optional(GroupSchema),
    region: Optional(100),
    affiliation: Optional(200),
    /** The person's language, for their emails and their board (they may change it themselves). */
    language: Type.Optional(LanguageSchema),
    /** Kept for older clients: the same as /deactivate and /reactivate. */
    disabled: Type.Optional(Type.Boolean()),
    /**
     * `false` lifts a public registrant's limit (they keep their role and read every meeting, as a
     * change of role does). It is never set again by hand: only a registration sets it.
     */
    publicOnly: Type.Optional(Type.Literal(false)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

export const NewUserBody = Type.Object(
  {
    email: Email,
    name: Name,
    role: RoleSchema,
    group: GroupSchema,
    region: Optional(100),
    affiliation: Optional(200),
    /** The person's language (their board and the invitation email); without it the email goes in the inviter's. */
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type NewUserBody = Static<typeof NewUserBody>;

export const Invitation = Type.Object({
  url: Type.String({ description: 'the link the invited person opens to set a password' }),
  expiresAt: Type.Number({ description: 'milliseconds since 1970' }),
});
export type Invitation = Static<typeof Invitation>;

export const InvitedUser = Type.Object({ ...ManagedUser.properties, invitation: Invitation });
export type InvitedUser = Static<typeof InvitedUser>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'check and preview; write nothing' })),
});

export const ImportChange = Type.Object({
  field: Type.Enum(['name', 'role', 'group', 'region', 'affiliation', 'language'] as const),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
});
export type ImportChange = Static<typeof ImportChange>;

export const ImportRow = Type.Object({
  line: Type.Integer({ description: 'line in the file; the header is line 1' }),
  outcome: Type.Enum(['new', 'update', 'unchanged', 'error'] as const, {
    description: 'unchanged: a known person the row would not change; such rows are not written',
  }),
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  error: Type.Optional(Type.String({ description: 'why the row cannot be imported, in plain English' })),
  errorCode: Type.Optional(
    Type.String({ description: 'why, as a code (email-invalid, role-unknown, …) for the reader’s language' }),
  ),
  errorParams: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  changes: Type.Optional(Type.Array(ImportChange, { description: 'for an update: each field that changes, from → to' })),
  /** For a new person: the invitation's language (the row's language column, else the importer's language, else en). */
  language: Type.Optional(LanguageSchema),
  invitation: Type.Optional(Invitation),
});
export type ImportRow = Static<typeof ImportRow>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Array(ImportRow),
});
export type ImportResult = Static<typeof ImportResult>;

/** Commands without fields: an empty object or no body at all; anything else is a 400. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
export type TokenParams = Static<typeof TokenParams>;

export const AcceptInvitationBody = Type.Object({ password: PasswordSchema }, { additionalProperties: false });

export const InvitationInfo = Type.Object({
  name: Type.String(),
  email: Type.String(),
  expiresAt: Type.Number(),
  /** The language chosen for the person, which the page (like the email) is said in; null when none was. */
  language: Type.Union([LanguageSchema, Type.Null()]),
});
export type InvitationInfo = Static<typeof InvitationInfo>;

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Name),
    affiliation: Optional(200),
    language: Type.Optional(LanguageSchema),
  },
  // Other settings of one's own may arrive on the same route; they are not refused here.
  { additionalProperties: true },
);
export type ProfilePatch = Static<typeof ProfilePatch>;

export const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  group: GroupSchema,
  region: Type.Union([Type.String(), Type.Null()]),
  affiliation: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([LanguageSchema, Type.Null()]),
});
export type Profile = Static<typeof Profile>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: PasswordSchema,
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const PasswordResetRequestBody = Type.Object(
  {
    email: Email,
    /** The language of the email when the person never chose one (the asking browser's). */
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetBody = Type.Object({ password: PasswordSchema }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

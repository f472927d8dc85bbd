import { type Static, Type } from 'typebox';
import { DocName, GroupSchema, LanguageSchema, RoleSchema } from './common.ts';

/** A user as others may see them: never the password hash. */
export const PublicUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  group: GroupSchema,
  region: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The language the person chose (null: never chose; the browser's languages decide). */
  language: Type.Optional(Type.Union([LanguageSchema, Type.Null()])),
});
export type PublicUser = Static<typeof PublicUser>;

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const LoginResponse = Type.Object({ user: PublicUser });

export const CollabTokenBody = Type.Object({
  /** Bind the token to one document; without it the token opens any document the user may open. */
  doc: Type.Optional(DocName),
});
export type CollabTokenBody = Static<typeof CollabTokenBody>;

export const CollabTokenResponse = Type.Object({ token: Type.String(), expiresAt: Type.Number() });
export type CollabTokenResponse = Static<typeof CollabTokenResponse>;

import { Type, type Static } from 'typebox';
import { GroupSchema, RoleSchema } from './common.ts';

/** A user as the secretariat manages them. */
export const ManagedUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  group: GroupSchema,
  region: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
});
export type ManagedUser = Static<typeof ManagedUser>;

export const UserPatch = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

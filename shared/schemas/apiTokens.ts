/** API tokens (docs/interop.md). Times are epoch milliseconds. */
import { type Static, Type } from 'typebox';
import { RequiredText } from './common.ts';

export const ScopeSchema = Type.Enum(['read', 'write', 'admin'], {
  description: 'read: GET only; write: commands too; admin: the secretariat routes (secretariat only)',
});

export const CreateTokenBody = Type.Object({
  name: RequiredText(100, { description: 'what the token is for' }),
  scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  expiresAt: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 40 })], {
      description: 'epoch milliseconds or an ISO 8601 date; at most a year ahead; default 90 days',
    }),
  ),
});
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const CreatedToken = Type.Object({
  id: Type.String(),
  /** The token itself: shown this once, stored only as a hash. */
  token: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  expiresAt: Type.Number(),
});
export type CreatedToken = Static<typeof CreatedToken>;

export const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
  lastUsedAt: Type.Union([Type.Number(), Type.Null()]),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type TokenInfo = Static<typeof TokenInfo>;

export const TokenIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

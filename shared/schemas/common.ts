/** Schemas used across the API. TypeBox: JSON Schema for Fastify and OpenAPI, static types for TypeScript. */
import { type Static, Type } from 'typebox';
import { ID_PATTERN } from '../documentNames.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { sentNameLimit } from '../normalizeName.ts';
import { ROLES, STAKEHOLDER_GROUPS } from '../roles.ts';
import { VISIBLE_TEXT_PATTERN } from '../visibleText.ts';

export const Id = Type.String({ pattern: ID_PATTERN, description: 'an opaque id' });

/**
 * Text people must write (a title, a name, a question, a comment): at most `maxLength` characters,
 * and at least one of them visible, so a value of spaces, NBSPs or zero-width characters gets the
 * same 400 naming its field as an empty one (see shared/visibleText.ts).
 */
export function RequiredText(maxLength: number, options: { description?: string } = {}) {
  return Type.String({ minLength: 1, maxLength, pattern: VISIBLE_TEXT_PATTERN, ...options });
}

/**
 * A name stored normal (`normalizeName`: a group's name, a liaison's title, a poll option's label):
 * its `limit` is counted by the service on the normal form, so a name that fits once its spaces
 * and full-width letters are ordinary ones is taken, and one longer is refused naming its field
 * (400). The schema bounds what is sent only (`sentNameLimit`).
 */
export function NameText(limit: number, options: { description?: string } = {}) {
  const description = [options.description, `at most ${limit} characters once normal`].filter(Boolean).join('; ');
  return RequiredText(sentNameLimit(limit), { description });
}

export const RoleSchema = Type.Enum(ROLES, { description: 'secretariat, chair, member or observer' });

export const GroupSchema = Type.Enum(STAKEHOLDER_GROUPS, { description: 'the stakeholder group' });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse' },
);

/** The refusals a route may answer, by status (`refusals(400, 401, 403, 404)`), each an ErrorResponse. */
export function refusals<const S extends number>(...statuses: S[]): Record<S, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse])) as Record<S, typeof ErrorResponse>;
}

/** What a command on a meeting's resources may answer besides success. */
export const COMMAND_REFUSALS = refusals(400, 401, 403, 404);

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const MeetingParams = Type.Object({ meetingId: Id });
export type MeetingParams = Static<typeof MeetingParams>;

/** A document name as used by the WebSocket and by threads: `agenda:…`, `proposal:…`, `live:…`. */
export const DocName = Type.String({ pattern: '^(agenda|proposal|live):[A-Za-z0-9_-]{1,64}$' });

/** One of the six UN languages (see shared/i18n/languages.ts). */
export const LanguageSchema = Type.Enum(LANGUAGES, { description: 'ar, zh, en, fr, ru or es' });

/** `?lang=` of server-made documents; without it the person's language, then Accept-Language, decide. */
export const LangQuery = Type.Object({ lang: Type.Optional(LanguageSchema) });
export type LangQuery = Static<typeof LangQuery>;

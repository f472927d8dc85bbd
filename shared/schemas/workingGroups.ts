/**
 * MAG Working Groups: membership, nominations for co-facilitator, elections. The JSON of a group
 * is the same in `GET /api/meetings/:meetingId/working-groups` and in the `workingGroups` map of
 * `live:{meetingId}`.
 */
import { Type, type Static } from 'typebox';
import { GroupSchema, Id } from './common.ts';
import { ResultVisibilitySchema } from './polls.ts';

/** The Y.Map of `live:{meetingId}` that holds the working groups, per group id. */
export const LIVE_WORKING_GROUPS_MAP = 'workingGroups';

const Person = Type.Object({ id: Type.String(), name: Type.String(), group: GroupSchema });

export const WorkingGroupSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /** Members, by name, with when they joined (epoch ms). */
  members: Type.Array(Type.Object({ ...Person.properties, joinedAt: Type.Number() })),
  coFacilitators: Type.Array(
    Type.Object({
      ...Person.properties,
      since: Type.Number(),
      /** The election that chose them; absent for co-facilitators continued from last year. */
      pollId: Type.Optional(Type.String()),
    }),
  ),
  nominations: Type.Array(
    Type.Object({
      nominee: Person,
      nominatedBy: Type.Object({ id: Type.String(), name: Type.String() }),
      at: Type.Number(),
    }),
  ),
  /** Ids of the polls that are elections of this group, oldest first. */
  elections: Type.Array(Type.String()),
});
export type WorkingGroupDto = Static<typeof WorkingGroupSchema>;

export const NominationBody = Type.Object({ userId: Id });
export type NominationBody = Static<typeof NominationBody>;

export const NominationParams = Type.Object({ id: Id, userId: Id });

export const ElectionBody = Type.Object({
  kind: Type.Enum(['single', 'ranked'], { description: 'single choice, or ranked (instant runoff / STV)' }),
  /** `group`: the group's members; `members`: every MAG member. */
  audience: Type.Enum(['group', 'members']),
  seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  secret: Type.Optional(Type.Boolean({ description: 'default true' })),
  results: Type.Optional(ResultVisibilitySchema),
  question: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});
export type ElectionBody = Static<typeof ElectionBody>;

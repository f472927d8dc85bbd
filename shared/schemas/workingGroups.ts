/**
 * MAG Working Groups: administration by the secretariat (create, rename, describe, archive,
 * sub-groups, named roles), membership, nominations for co-facilitator, elections. The JSON of a group
 * is the same in `GET /api/meetings/:meetingId/working-groups` and in the `workingGroups` map of
 * `live:{meetingId}`.
 */
import { type Static, Type } from 'typebox';
import { WORKING_GROUP_LIMITS, WORKING_GROUP_ROLES } from '../constants/workingGroups.ts';
import { GroupSchema, Id, NameText, RequiredText } from './common.ts';
import { ResultVisibilitySchema } from './polls.ts';

export {
  LIVE_WORKING_GROUPS_MAP,
  WORKING_GROUP_LIMITS,
  WORKING_GROUP_ROLES,
  type WorkingGroupRole,
} from '../constants/workingGroups.ts';

const Person = Type.Object({ id: Type.String(), name: Type.String(), group: GroupSchema });

export const WorkingGroupRoleSchema = Type.Enum(WORKING_GROUP_ROLES, { description: 'co-facilitator or liaison' });

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
  /**
   * The role each of those elections fills, in the same order: co-facilitator, or liaison with its
   * title. While one is open, that role is not given by decree (409 ELECTION_OPEN).
   */
  electionRoles: Type.Array(
    Type.Object({ pollId: Type.String(), role: WorkingGroupRoleSchema, title: Type.Optional(Type.String()) }),
  ),
  /** The group this one is a sub-group of; null for a group of the meeting. */
  parentId: Type.Union([Type.String(), Type.Null()]),
  /** An archived group is kept for the record: listed apart, nobody joins it, nothing in it changes. */
  archived: Type.Boolean(),
  /** When it was archived (epoch ms). */
  archivedAt: Type.Optional(Type.Number()),
  /** Everyone holding a named role: the co-facilitators (again) and the liaisons, by role then since when. */
  roles: Type.Array(
    Type.Object({
      ...Person.properties,
      role: WorkingGroupRoleSchema,
      /** The liaison's title, e.g. "DC-MAG liaison". */
      title: Type.Optional(Type.String()),
      since: Type.Number(),
      /** The election that chose them; absent when the secretariat assigned the role. */
      pollId: Type.Optional(Type.String()),
    }),
  ),
});
export type WorkingGroupDto = Static<typeof WorkingGroupSchema>;

export const NominationBody = Type.Object({ userId: Id });
export type NominationBody = Static<typeof NominationBody>;

export const NominationParams = Type.Object({ id: Id, userId: Id });

const Name = NameText(WORKING_GROUP_LIMITS.name, { description: 'the group’s name, unique in its meeting' });
const Description = Type.String({ maxLength: WORKING_GROUP_LIMITS.description });
const Title = NameText(WORKING_GROUP_LIMITS.title, { description: 'a liaison’s title, e.g. "DC-MAG liaison"' });

export const CreateWorkingGroupBody = Type.Object({
  name: Name,
  description: Type.Optional(Description),
  /** Create a sub-group of this group (of the same meeting, itself not a sub-group). */
  parentId: Type.Optional(Id),
});
export type CreateWorkingGroupBody = Static<typeof CreateWorkingGroupBody>;

export const UpdateWorkingGroupBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(Description) },
  { minProperties: 1 },
);
export type UpdateWorkingGroupBody = Static<typeof UpdateWorkingGroupBody>;

export const RoleBody = Type.Object({ role: WorkingGroupRoleSchema, title: Type.Optional(Title) });
export type RoleBody = Static<typeof RoleBody>;

export const RoleQuery = Type.Object({
  role: Type.Optional(WorkingGroupRoleSchema),
  /** One liaison title to remove (case aside), the person's other titles staying; implies `role=liaison`. */
  title: Type.Optional(Title),
});
export type RoleQuery = Static<typeof RoleQuery>;

export const ElectionBody = Type.Object({
  kind: Type.Enum(['single', 'ranked'], { description: 'single choice, or ranked (instant runoff / STV)' }),
  /** `group`: the group's members; `members`: every MAG member. */
  audience: Type.Enum(['group', 'members']),
  seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  secret: Type.Optional(Type.Boolean({ description: 'default true' })),
  results: Type.Optional(ResultVisibilitySchema),
  question: Type.Optional(RequiredText(500)),
  /** The role the winners take (default co-facilitator). */
  role: Type.Optional(WorkingGroupRoleSchema),
  /** For a liaison: the title the winners hold. */
  title: Type.Optional(Title),
});
export type ElectionBody = Static<typeof ElectionBody>;

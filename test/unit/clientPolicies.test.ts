/**
 * The client's policies: what each feature offers whom, on an active and on an archived meeting.
 * The server decides (each feature's policy and the meeting guard); these only hide what it would
 * refuse, so on an archived meeting none of them offers a change, whatever the role.
 */
import { describe, expect, it } from 'vitest';
import { canChangeAction, canCreateAction } from '../../client/src/actions/actionPolicy.ts';
import { canRunAgenda } from '../../client/src/agenda/agendaPolicy.ts';
import { canManageCalls } from '../../client/src/calls/callPolicy.ts';
import { commentRights } from '../../client/src/comments/commentPolicy.ts';
import {
  canAskQuestions,
  canCheckIn,
  canModerateQuestions,
  canRaiseHand,
  canRunFloor,
} from '../../client/src/floor/floorPolicy.ts';
import type { PolicyMeeting, PolicyUser } from '../../client/src/meetings/meetingPolicy.ts';
import { canManagePolls } from '../../client/src/polls/pollPolicy.ts';
import { canManageProposal, canSubmitProposal } from '../../client/src/proposals/proposalPolicy.ts';
import { canRestoreVersion, canSaveVersion } from '../../client/src/versions/versionPolicy.ts';
import { canAdministerGroup, canModerateGroup } from '../../client/src/workingGroups/workingGroupPolicy.ts';
import { ROLES, type Role } from '../../shared/roles.ts';

const active: PolicyMeeting = { status: 'active' };
const archived: PolicyMeeting = { status: 'archived' };
const person = (role: Role): PolicyUser => ({ id: `${role}-1`, role });
const openGroup = { archived: false };
const archivedGroup = { archived: true };
const someoneElses = { authors: [{ id: 'someone' }] };

/** Every policy that takes only the person and the meeting, with the roles it offers the change to on an active meeting. */
const POLICIES: [string, (user: PolicyUser, meeting: PolicyMeeting) => boolean, Role[]][] = [
  ['raise a hand', canRaiseHand, ['secretariat', 'chair', 'member']],
  ['run the floor', canRunFloor, ['secretariat', 'chair']],
  ['ask and upvote questions', canAskQuestions, ['secretariat', 'chair', 'member', 'observer']],
  ['moderate questions', canModerateQuestions, ['secretariat', 'chair']],
  ['check in', canCheckIn, ['secretariat', 'chair', 'member', 'observer']],
  ['run the agenda', canRunAgenda, ['secretariat', 'chair']],
  ['create polls', canManagePolls, ['secretariat', 'chair']],
  ['save a version', canSaveVersion, ['secretariat', 'chair', 'member']],
  ['restore a version', canRestoreVersion, ['secretariat', 'chair']],
  ['submit a proposal', canSubmitProposal, ['secretariat', 'chair', 'member']],
  ['manage someone else’s proposal', (user, meeting) => canManageProposal(user, meeting, someoneElses), ['secretariat', 'chair']],
  ['open and extend calls', canManageCalls, ['secretariat']],
  ['create an action', canCreateAction, ['secretariat', 'chair', 'member']],
  ['moderate a working group', (user, meeting) => canModerateGroup(user, meeting, openGroup), ['secretariat', 'chair']],
  ['administer a working group', (user, meeting) => canAdministerGroup(user, meeting, openGroup), ['secretariat']],
];

describe('client policies', () => {
  for (const [what, policy, allowed] of POLICIES) {
    it(`${what}: offered to ${allowed.join(', ')} on an active meeting, to nobody on an archived one`, () => {
      for (const role of ROLES) {
        expect(policy(person(role), active), `${role}, active`).toBe(allowed.includes(role));
        expect(policy(person(role), archived), `${role}, archived`).toBe(false);
      }
    });
  }

  it('offers a proposal’s authors its management, whatever their role, until the meeting is archived', () => {
    for (const role of ROLES) {
      const user = person(role);
      const own = { authors: [{ id: 'someone' }, { id: user.id }] };
      expect(canManageProposal(user, active, own), role).toBe(true);
      expect(canManageProposal(user, archived, own), role).toBe(false);
    }
  });

  it('offers a member the actions they created or own, the chair and secretariat every action, never on an archived meeting', () => {
    const mine = { owner: { kind: 'person' as const, userId: 'member-1' }, createdBy: { id: 'someone' } };
    const created = { owner: { kind: 'body' as const }, createdBy: { id: 'member-1' } };
    const other = { owner: { kind: 'body' as const }, createdBy: { id: 'someone' } };
    const expected: Record<Role, boolean[]> = {
      secretariat: [true, true, true],
      chair: [true, true, true],
      member: [true, true, false],
      observer: [false, false, false],
    };
    for (const role of ROLES) {
      const user = person(role);
      expect(
        [mine, created, other].map((action) => canChangeAction(user, active, action)),
        role,
      ).toEqual(expected[role]);
      expect(
        [mine, created, other].map((action) => canChangeAction(user, archived, action)),
        role,
      ).toEqual([false, false, false]);
    }
  });

  it('offers nothing in an archived working group, even on an active meeting', () => {
    for (const role of ROLES) {
      expect(canModerateGroup(person(role), active, archivedGroup), role).toBe(false);
      expect(canAdministerGroup(person(role), active, archivedGroup), role).toBe(false);
    }
  });

  it('gives comment rights from the document while the meeting is active, and none on an archived one', () => {
    const document = { canComment: true, canResolveAny: true };
    for (const role of ROLES) {
      const moderator = role === 'secretariat' || role === 'chair';
      expect(commentRights(person(role), active, document), role).toEqual({
        canComment: true,
        canResolve: true,
        isModerator: moderator,
        archived: false,
      });
      expect(commentRights(person(role), active, { canComment: false, canResolveAny: false }), role).toMatchObject({
        canComment: false,
        canResolve: false,
      });
      expect(commentRights(person(role), archived, document), role).toEqual({
        canComment: false,
        canResolve: false,
        isModerator: false,
        archived: true,
      });
    }
  });
});

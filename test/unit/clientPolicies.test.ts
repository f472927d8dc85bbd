/**
 * The client's policies: what each feature offers whom, on an active and on an archived meeting.
 * The server decides (each feature's policy and the meeting guard); these only hide what it would
 * refuse, so on an archived meeting none of them offers a change, whatever the role.
 */
import { describe, expect, it } from 'vitest';
import { canChangeAction, canCreateAction } from '../../client/src/actions/actionPolicy.ts';
import { canCommentOnAgenda, canEditAgenda, canRunAgenda } from '../../client/src/agenda/agendaPolicy.ts';
import { canAddAttachments, canRemoveAttachment } from '../../client/src/attachments/attachmentPolicy.ts';
import { canReadAuditLog } from '../../client/src/audit/auditPolicy.ts';
import { canManageCalls } from '../../client/src/calls/callPolicy.ts';
import { commentRights } from '../../client/src/comments/commentPolicy.ts';
import {
  canAskQuestions,
  canCheckIn,
  canModerateQuestions,
  canRaiseHand,
  canReviewQuestions,
  canRunFloor,
  canSeeAttendance,
} from '../../client/src/floor/floorPolicy.ts';
import {
  canAdministerMeeting,
  canCreateMeetings,
  type PolicyMeeting,
  type PolicyUser,
} from '../../client/src/meetings/meetingPolicy.ts';
import { canManagePeople } from '../../client/src/people/peoplePolicy.ts';
import { canManagePolls, canOverseePolls, canVote } from '../../client/src/polls/pollPolicy.ts';
import {
  canChangeProposalStatus,
  canChooseCoAuthors,
  canCommentOnProposal,
  canEditProposal,
  canManageProposal,
  canSubmitProposal,
  mayBeCoAuthor,
} from '../../client/src/proposals/proposalPolicy.ts';
import { canChangeRegistration, canSeeRegistrations } from '../../client/src/registrations/registrationPolicy.ts';
import { tokenScopes } from '../../client/src/tokens/tokenPolicy.ts';
import { canRestoreVersion, canSaveVersion } from '../../client/src/versions/versionPolicy.ts';
import {
  canAdministerGroup,
  canCreateGroups,
  canModerateGroup,
  canTakePart,
  canWithdrawNomination,
  offersMembership,
  takesNominations,
} from '../../client/src/workingGroups/workingGroupPolicy.ts';
import { ROLES, type Role } from '../../shared/roles.ts';

const active: PolicyMeeting = { status: 'active' };
const archived: PolicyMeeting = { status: 'archived' };
const person = (role: Role): PolicyUser => ({ id: `${role}-1`, role });
const openGroup = { archived: false };
const archivedGroup = { archived: true };
const someoneElses = { authors: [{ id: 'someone' }], submitter: { id: 'someone' } };
const someoneElsesFile = { createdBy: 'someone' };
const someoneElsesNomination = { nominee: { id: 'someone' }, nominatedBy: { id: 'someone-else' } };

/** Every policy that takes only the person and the meeting, with the roles it offers the change to on an active meeting. */
const POLICIES: [string, (user: PolicyUser, meeting: PolicyMeeting) => boolean, Role[]][] = [
  ['raise a hand', canRaiseHand, ['secretariat', 'chair', 'member']],
  ['run the floor', canRunFloor, ['secretariat', 'chair']],
  ['ask and upvote questions', canAskQuestions, ['secretariat', 'chair', 'member', 'observer']],
  ['moderate questions', canModerateQuestions, ['secretariat', 'chair']],
  ['check in', canCheckIn, ['secretariat', 'chair', 'member', 'observer']],
  ['run the agenda', canRunAgenda, ['secretariat', 'chair']],
  ['create, open, close and delete polls', canManagePolls, ['secretariat', 'chair']],
  ['write the agenda', canEditAgenda, ['secretariat', 'chair', 'member']],
  ['save a version', canSaveVersion, ['secretariat', 'chair', 'member']],
  ['restore a version', canRestoreVersion, ['secretariat', 'chair']],
  ['submit a proposal', canSubmitProposal, ['secretariat', 'chair', 'member']],
  ['manage someone else’s proposal', (user, meeting) => canManageProposal(user, meeting, someoneElses), ['secretariat', 'chair']],
  ['change a proposal’s status', canChangeProposalStatus, ['secretariat', 'chair']],
  [
    'choose someone else’s co-authors',
    (user, meeting) => canChooseCoAuthors(user, meeting, someoneElses),
    ['secretariat', 'chair'],
  ],
  ['add attachments and new versions', canAddAttachments, ['secretariat', 'chair', 'member']],
  [
    'remove someone else’s attachment',
    (user, meeting) => canRemoveAttachment(user, meeting, someoneElsesFile),
    ['secretariat', 'chair'],
  ],
  ['edit, archive and delete a meeting', canAdministerMeeting, ['secretariat']],
  ['open and extend calls', canManageCalls, ['secretariat']],
  ['open and close a public meeting’s registration', canChangeRegistration, ['secretariat', 'chair']],
  ['create an action', canCreateAction, ['secretariat', 'chair', 'member']],
  ['moderate a working group', (user, meeting) => canModerateGroup(user, meeting, openGroup), ['secretariat', 'chair']],
  ['administer a working group', (user, meeting) => canAdministerGroup(user, meeting, openGroup), ['secretariat']],
  ['create working groups', canCreateGroups, ['secretariat']],
  ['join working groups and nominate', canTakePart, ['secretariat', 'chair', 'member']],
  [
    'withdraw someone else’s nomination',
    (user, meeting) => canWithdrawNomination(user, meeting, openGroup, someoneElsesNomination),
    ['secretariat', 'chair'],
  ],
];

/** Every reading kept to a role, with the roles it is offered to: the same on an active and on an archived meeting (a record is read). */
const READINGS: [string, (user: PolicyUser) => boolean, Role[]][] = [
  ['see who is present', canSeeAttendance, ['secretariat', 'chair']],
  ['see every question, who asked and the moderation log', canReviewQuestions, ['secretariat', 'chair']],
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

  for (const [what, policy, allowed] of READINGS) {
    it(`${what}: offered to ${allowed.join(', ')}, on an archived meeting too`, () => {
      // A reading takes no meeting: the server answers it whatever the meeting's status.
      for (const role of ROLES) expect(policy(person(role)), role).toBe(allowed.includes(role));
    });
  }

  it('offers a proposal’s authors its management until the meeting is archived, but not an author made observer', () => {
    for (const role of ROLES) {
      const user = person(role);
      const coAuthored = { authors: [{ id: 'someone' }, { id: user.id }], submitter: { id: 'someone' } };
      // The server's isProposalAuthor: authorship counts only while the role may write.
      const writes = role !== 'observer';
      expect(canEditProposal(user, coAuthored), role).toBe(writes);
      expect(canManageProposal(user, active, coAuthored), role).toBe(writes);
      expect(canManageProposal(user, archived, coAuthored), role).toBe(false);
    }
  });

  it('offers a proposal’s submitter its co-authors, but not a submitter made observer, nor a co-author', () => {
    for (const role of ROLES) {
      const user = person(role);
      const submitted = { authors: [{ id: user.id }], submitter: { id: user.id } };
      const coAuthored = { authors: [{ id: 'someone' }, { id: user.id }], submitter: { id: 'someone' } };
      const moderator = role === 'secretariat' || role === 'chair';
      expect(canChooseCoAuthors(user, active, submitted), role).toBe(role !== 'observer');
      expect(canChooseCoAuthors(user, active, coAuthored), role).toBe(moderator);
      expect(canChooseCoAuthors(user, archived, submitted), role).toBe(false);
    }
  });

  it('lets participants comment on the agenda and resolve its threads while the meeting is active, observers read', () => {
    for (const role of ROLES) {
      const user = person(role);
      const mayComment = canCommentOnAgenda(user);
      expect(mayComment, role).toBe(role !== 'observer');
      const agenda = { canComment: mayComment, canResolveAny: mayComment };
      expect(commentRights(user, active, agenda), role).toMatchObject({ canComment: mayComment, canResolve: mayComment });
      expect(commentRights(user, archived, agenda), role).toMatchObject({ canComment: false, canResolve: false });
    }
  });

  it('lets observers comment on a proposal only while it is open for public comment', () => {
    for (const role of ROLES) {
      expect(canCommentOnProposal(person(role), { publicComment: false }), role).toBe(role !== 'observer');
      expect(canCommentOnProposal(person(role), { publicComment: true }), role).toBe(true);
    }
  });

  it('offers whoever added an attachment its removal, until the meeting is archived', () => {
    for (const role of ROLES) {
      const user = person(role);
      expect(canRemoveAttachment(user, active, { createdBy: user.id }), role).toBe(true);
      expect(canRemoveAttachment(user, archived, { createdBy: user.id }), role).toBe(false);
    }
  });

  it('lets the chair and the secretariat oversee polls (projector, CSV, voters) on an archived meeting too', () => {
    for (const role of ROLES) expect(canOverseePolls(person(role)), role).toBe(role === 'secretariat' || role === 'chair');
  });

  it('offers a ballot to the poll’s audience: everyone, participants not observers, or a group’s members since before it opened', () => {
    const everyone = { audience: 'everyone' as const, openedAt: 1000 };
    const members = { audience: 'members' as const, openedAt: 1000 };
    const election = { audience: 'group' as const, workingGroupId: 'g', openedAt: 1000 };
    for (const role of ROLES) {
      const user = person(role);
      const joined = (joinedAt: number) => ({ g: { members: [{ id: user.id, joinedAt }] } });
      expect(canVote(user, everyone, {}), role).toBe(true);
      expect(canVote(user, members, {}), role).toBe(role !== 'observer');
      expect(canVote(user, election, joined(999)), role).toBe(true);
      expect(canVote(user, election, joined(1001)), role).toBe(false);
      expect(canVote(user, election, {}), role).toBe(false);
    }
  });

  it('offers as co-authors only people whose role may write, not observers', () => {
    for (const role of ROLES) expect(mayBeCoAuthor({ role }), role).toBe(role !== 'observer');
  });

  it('offers the secretariat the registrations, the people and the audit log, and the admin scope of API tokens', () => {
    for (const role of ROLES) {
      const user = person(role);
      expect(canSeeRegistrations(user), role).toBe(role === 'secretariat' || role === 'chair');
      expect(canManagePeople(user), role).toBe(role === 'secretariat');
      expect(canReadAuditLog(user), role).toBe(role === 'secretariat');
      expect(tokenScopes(user), role).toEqual(role === 'secretariat' ? ['read', 'write', 'admin'] : ['read', 'write']);
    }
  });

  it('offers the secretariat the creation of meetings', () => {
    for (const role of ROLES) expect(canCreateMeetings(person(role)), role).toBe(role === 'secretariat');
  });

  it('offers joining and leaving a working group until the meeting is archived, and only leaving an archived group', () => {
    expect(offersMembership(active, openGroup, false)).toBe(true);
    expect(offersMembership(active, openGroup, true)).toBe(true);
    expect(offersMembership(active, archivedGroup, true)).toBe(true);
    expect(offersMembership(active, archivedGroup, false)).toBe(false);
    expect(offersMembership(archived, openGroup, true)).toBe(false);
    expect(offersMembership(archived, openGroup, false)).toBe(false);
  });

  it('takes nominations in an open group of an active meeting only, and lets nominees and nominators withdraw them there', () => {
    expect(takesNominations(active, openGroup)).toBe(true);
    expect(takesNominations(active, archivedGroup)).toBe(false);
    expect(takesNominations(archived, openGroup)).toBe(false);
    for (const role of ROLES) {
      const user = person(role);
      const own = { nominee: { id: user.id }, nominatedBy: { id: 'someone' } };
      const made = { nominee: { id: 'someone' }, nominatedBy: { id: user.id } };
      for (const nomination of [own, made]) {
        expect(canWithdrawNomination(user, active, openGroup, nomination), role).toBe(true);
        expect(canWithdrawNomination(user, archived, openGroup, nomination), role).toBe(false);
        expect(canWithdrawNomination(user, active, archivedGroup, nomination), role).toBe(false);
      }
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

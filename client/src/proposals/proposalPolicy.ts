/**
 * What proposals offer whom (the server's proposalPolicy.ts and the meeting guard decide): an
 * archived meeting takes no new proposal and its proposals are no longer managed.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Submit a proposal: participants (the secretariat, the chair and members). */
export const canSubmitProposal = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** Manage a proposal (status, co-authors): the chair, the secretariat and its authors. */
export const canManageProposal = (
  user: PolicyUser,
  meeting: PolicyMeeting,
  proposal: { authors: readonly { id: string }[] },
): boolean => (isModerator(user.role) || proposal.authors.some((person) => person.id === user.id)) && takesChanges(meeting);

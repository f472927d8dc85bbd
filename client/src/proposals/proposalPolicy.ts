/**
 * What proposals offer whom, by the server's rules (server/src/proposals/proposalPolicy.ts, the
 * service and the meeting guard): an archived meeting takes no new proposal and its proposals are
 * no longer managed. Authorship alone grants nothing: a listed author whose role may not write (a
 * co-author since made observer) reads only, as the server gives them only read.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** The proposal as these rules read it: its authors (submitter first) and its submitter. */
export interface PolicyProposal {
  authors: readonly { id: string }[];
  submitter: { id: string };
}

/** Submit a proposal: participants (the secretariat, the chair and members). */
export const canSubmitProposal = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** One of its authors whose role may write (the server's isProposalAuthor). */
const writingAuthor = (user: PolicyUser, proposal: Pick<PolicyProposal, 'authors'>): boolean =>
  isParticipant(user.role) && proposal.authors.some((person) => person.id === user.id);

/**
 * Write its body, edit its kind, title, summary and public comment, resolve any of its threads:
 * the chair, the secretariat and its authors (the server's mayEditProposal). Not asked of the
 * meeting: the body's editor and the threads read the archive from the server and the comment policy.
 */
export const canEditProposal = (user: PolicyUser, proposal: Pick<PolicyProposal, 'authors'>): boolean =>
  isModerator(user.role) || writingAuthor(user, proposal);

/** Manage a proposal (its Manage section: status, details, co-authors as below): whoever may edit it, while the meeting takes changes. */
export const canManageProposal = (user: PolicyUser, meeting: PolicyMeeting, proposal: Pick<PolicyProposal, 'authors'>): boolean =>
  canEditProposal(user, proposal) && takesChanges(meeting);

/** Change its status: the chair and the secretariat. */
export const canChangeProposalStatus = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);

/** Choose its co-authors: the chair, the secretariat and its submitter while their role may write (the server's mayChooseCoAuthors). */
export const canChooseCoAuthors = (
  user: PolicyUser,
  meeting: PolicyMeeting,
  proposal: Pick<PolicyProposal, 'submitter'>,
): boolean =>
  (isModerator(user.role) || (isParticipant(user.role) && proposal.submitter.id === user.id)) && takesChanges(meeting);

/** Comment on its body: participants, and observers while it is open for public comment (the server's commentPolicy.ts). */
export const canCommentOnProposal = (user: PolicyUser, proposal: { publicComment: boolean }): boolean =>
  isParticipant(user.role) || proposal.publicComment;

/** Whom the co-author search offers: people whose role may write (the server refuses an observer as a co-author). */
export const mayBeCoAuthor = (person: { role: PolicyUser['role'] }): boolean => isParticipant(person.role);

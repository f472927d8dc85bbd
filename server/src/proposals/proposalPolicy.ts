/**
 * Who may write a proposal: the secretariat and the chair, and its authors while their role may
 * write at all. Authorship alone grants nothing: a co-author made observer reads only. Used by
 * the service (HTTP) and by the body's access resolver (WebSocket), so the two never disagree.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { User } from '../users/userStore.ts';

export function isProposalAuthor(user: User, proposal: { authorIds: string[] }): boolean {
  return isParticipant(user.role) && proposal.authorIds.includes(user.id);
}

export function mayEditProposal(user: User, proposal: { authorIds: string[] }): boolean {
  return isModerator(user.role) || isProposalAuthor(user, proposal);
}

export function mayChooseCoAuthors(user: User, proposal: { submitterId: string }): boolean {
  return isModerator(user.role) || (isParticipant(user.role) && proposal.submitterId === user.id);
}

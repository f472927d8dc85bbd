/**
 * Who may comment where. Comments go on the documents people read together: a meeting's agenda
 * and proposals' bodies (never on the live projection).
 *
 * - agenda: secretariat, chair and members comment and resolve; observers read.
 * - proposal: secretariat, chair and members comment; observers only while the proposal is open
 *   for public comment. Its authors and the moderators resolve any thread.
 * - anyone who may comment resolves and reopens the threads they started.
 */

import { parseDocumentName } from '../../../shared/documentNames.ts';
import { isParticipant } from '../../../shared/roles.ts';
import { mayEditProposal } from '../proposals/proposalPolicy.ts';
import type { ProposalStore } from '../proposals/proposalStore.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';

export interface CommentPolicy {
  meetingId: string;
  /** Start threads, reply, edit one's own comments. */
  canComment: boolean;
  /** Resolve and reopen any thread of the document. */
  canResolveAny: boolean;
}

/** What `user` may do with comments on `docName`; null when it is not a document one comments on. */
export async function commentPolicy(
  store: Store,
  proposals: ProposalStore,
  user: User,
  docName: string,
): Promise<CommentPolicy | null> {
  const ref = parseDocumentName(docName);
  if (!ref) return null;
  if (ref.kind === 'agenda') {
    // Whether the meeting exists: one column, not the whole meeting (read on every comment posted).
    if ((await store.meetings.isArchived(ref.id)) === undefined) return null;
    const participant = isParticipant(user.role);
    return { meetingId: ref.id, canComment: participant, canResolveAny: participant };
  }
  if (ref.kind === 'proposal') {
    const proposal = await proposals.accessInfo(ref.id);
    if (!proposal) return null;
    return {
      meetingId: proposal.meetingId,
      canComment: isParticipant(user.role) || proposal.publicComment,
      canResolveAny: mayEditProposal(user, proposal),
    };
  }
  return null;
}

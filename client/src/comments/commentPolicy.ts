/**
 * What a document's comment threads offer whom. The document says who may comment and who resolves
 * any thread (the server's commentPolicy.ts); an archived meeting's threads are a record: read,
 * never added to, answered, resolved or moderated.
 */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

export interface CommentRights {
  /** Start threads, reply, edit one's own comments. */
  canComment: boolean;
  /** Resolve and reopen any thread of the document. */
  canResolve: boolean;
  /** Hide and restore others' comments: the chair and the secretariat. */
  isModerator: boolean;
  /** Not even one's own comment may be deleted. */
  archived: boolean;
}

export function commentRights(
  user: PolicyUser,
  meeting: PolicyMeeting,
  document: { canComment: boolean; canResolveAny: boolean },
): CommentRights {
  const open = takesChanges(meeting);
  return {
    canComment: document.canComment && open,
    canResolve: document.canResolveAny && open,
    isModerator: isModerator(user.role) && open,
    archived: !open,
  };
}

/** The comment commands and queries of the HTTP API (see docs/api.md and GET /api/openapi.json). */
import type { Anchor, CommentDto, ModerationEntry, ThreadDto } from '../../../shared/schemas/comments.ts';
import type { MemberDto } from '../../../shared/schemas/proposals.ts';
import { del, get, patch, post } from '../app/api.ts';

const id = (value: string) => encodeURIComponent(value);

export const commentsApi = {
  threads: (doc: string) => get<ThreadDto[]>(`/api/threads?doc=${id(doc)}`),
  startThread: (doc: string, body: string, anchor?: Anchor) =>
    post<ThreadDto>('/api/threads', anchor ? { doc, body, anchor } : { doc, body }),
  reply: (threadId: string, body: string) => post<CommentDto>(`/api/threads/${id(threadId)}/comments`, { body }),
  edit: (commentId: string, body: string) => patch<CommentDto>(`/api/comments/${id(commentId)}`, { body }),
  /** The author's delete (no reason) or a moderator's hide (with a reason). */
  remove: (commentId: string, reason?: string) =>
    del<void>(`/api/comments/${id(commentId)}`, reason === undefined ? undefined : { reason }),
  resolve: (threadId: string) => post<ThreadDto>(`/api/threads/${id(threadId)}/resolve`),
  reopen: (threadId: string) => post<ThreadDto>(`/api/threads/${id(threadId)}/reopen`),
  moderationLog: (meetingId: string) => get<ModerationEntry[]>(`/api/meetings/${id(meetingId)}/moderation-log`),
  members: (query: string) => get<MemberDto[]>(`/api/members?q=${id(query)}`),
};

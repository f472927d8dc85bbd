/**
 * Which ids of an audit entry the log names, and as what (shared/auditRefs.ts, used by the server
 * to look names up and by the page to show them): fields anywhere in the detail, fields whose
 * meaning depends on the action, and the `from`/`to` of a change of an id field.
 */
import { describe, expect, it } from 'vitest';
import { auditFieldKind, auditRefs, entryMeetingId, isAuditIdField } from '../../shared/auditRefs.ts';

describe('the ids an audit entry refers to', () => {
  it('finds polls, proposals, working groups and agenda items in the subject and at any depth of the detail', () => {
    expect(auditRefs('poll.created', 'poll:p1', { meetingId: 'm1', question: 'Q?' })).toEqual([
      { kind: 'poll', id: 'p1' },
      { kind: 'meeting', id: 'm1' },
    ]);
    expect(auditRefs('proposal.create', 'proposal:r1', { coAuthorIds: ['u1', 'u2'] })).toEqual([
      { kind: 'proposal', id: 'r1' },
      { kind: 'person', id: 'u1' },
      { kind: 'person', id: 'u2' },
    ]);
    expect(auditRefs('workingGroup.liaisonElected', 'workingGroup:g1', { userId: 'u1', pollId: 'p1' })).toEqual([
      { kind: 'workingGroup', id: 'g1' },
      { kind: 'person', id: 'u1' },
      { kind: 'poll', id: 'p1' },
    ]);
    expect(auditRefs('floor.balance.override', 'meeting:m1', { itemId: 'i1', chosen: { handId: 'h1', userId: 'u1' } })).toEqual([
      { kind: 'meeting', id: 'm1' },
      { kind: 'agendaItem', id: 'i1' },
      { kind: 'hand', id: 'h1' },
      { kind: 'person', id: 'u1' },
    ]);
    // A reordered list's ids are its hands; a restored version is named by its id.
    expect(auditRefs('floor.queue.reordered', 'meeting:m1', { ids: ['h1', 'h2'] })).toEqual([
      { kind: 'meeting', id: 'm1' },
      { kind: 'hand', id: 'h1' },
      { kind: 'hand', id: 'h2' },
    ]);
    // An action item's source by its type, a group owner's refId as a working group, a body's not at all.
    expect(
      auditRefs('action.create', 'action:a1', {
        meetingId: 'm1',
        source: { type: 'poll', id: 'p1' },
        owner: { kind: 'group', label: 'WG', refId: 'g1' },
      }),
    ).toEqual([
      { kind: 'action', id: 'a1' },
      { kind: 'meeting', id: 'm1' },
      { kind: 'poll', id: 'p1' },
      { kind: 'workingGroup', id: 'g1' },
    ]);
    expect(
      auditRefs('action.update', 'action:a1', {
        source: { from: { type: 'direct', id: null }, to: { type: 'comment', id: 'c1' } },
        owner: { kind: 'body', label: 'ITU', refId: 'itu' },
      }),
    ).toEqual([
      { kind: 'action', id: 'a1' },
      { kind: 'comment', id: 'c1' },
    ]);
    expect(auditRefs('agenda.restore', 'meeting:m1', { versionId: 'v1', name: 'Draft', seq: 3 })).toEqual([
      { kind: 'meeting', id: 'm1' },
      { kind: 'version', id: 'v1' },
    ]);
  });

  it('reads a field by the action it is in: an import’s ids are people, a current item’s from and to are items, a group’s parent is a group', () => {
    expect(
      auditRefs('user.import', 'users', { created: 1, people: [{ id: 'u1', email: 'a@example.org', outcome: 'new' }] }),
    ).toEqual([{ kind: 'person', id: 'u1' }]);
    expect(auditRefs('meeting.current-item', 'meeting:m1', { from: null, to: 'i2' })).toEqual([
      { kind: 'meeting', id: 'm1' },
      { kind: 'agendaItem', id: 'i2' },
    ]);
    expect(auditRefs('workingGroup.created', 'workingGroup:g2', { meetingId: 'm1', name: 'Sub', parentId: 'g1' })).toContainEqual(
      {
        kind: 'workingGroup',
        id: 'g1',
      },
    );
    // Elsewhere `id` and `parentId` are ids the log has no name for.
    expect(auditFieldKind('thread.create', 'id')).toBeUndefined();
    expect(isAuditIdField('thread.create', 'id')).toBe(true);
    expect(auditFieldKind('comment.create', 'parentId')).toBeUndefined();
  });

  it('reads the from and to of a change as values of the field changed, and no empty id', () => {
    expect(
      auditRefs('action.update', 'action:a1', {
        changes: { agendaItemId: { from: '', to: 'i3' }, text: { from: 'x', to: 'y' } },
      }),
    ).toEqual([
      { kind: 'action', id: 'a1' },
      { kind: 'agendaItem', id: 'i3' },
    ]);
    expect(auditRefs('user.change', 'user:u1', { field: 'userId', from: 'u2', to: 'u3' })).toEqual([
      { kind: 'person', id: 'u1' },
      { kind: 'person', id: 'u2' },
      { kind: 'person', id: 'u3' },
    ]);
  });

  it('names action items, calls, questions, documents, API tokens, threads and comments by their subject, not webhooks', () => {
    expect(auditRefs('call.create', 'call:c1', { meetingId: 'm1', kind: 'PN' })).toEqual([
      { kind: 'call', id: 'c1' },
      { kind: 'meeting', id: 'm1' },
    ]);
    expect(auditRefs('question.asked', 'question:q1', {})).toEqual([{ kind: 'question', id: 'q1' }]);
    expect(auditRefs('attachment.create', 'attachment:d1', {})).toEqual([{ kind: 'attachment', id: 'd1' }]);
    expect(auditRefs('token.create', 'token:t1', {})).toEqual([{ kind: 'token', id: 't1' }]);
    expect(auditRefs('thread.create', 'thread:h1', { commentId: 'c1' })).toEqual([
      { kind: 'thread', id: 'h1' },
      { kind: 'comment', id: 'c1' },
    ]);
    expect(auditRefs('comment.delete', 'comment:c2', { threadId: 'h1' })).toEqual([
      { kind: 'comment', id: 'c2' },
      { kind: 'thread', id: 'h1' },
    ]);
    // A webhook has only its address to be named by, and an address may carry a secret.
    expect(auditRefs('webhook.create', 'webhook:w1', {})).toEqual([]);
  });

  it('knows an entry’s meeting from its subject or its detail, in which its agenda items are named', () => {
    expect(entryMeetingId('meeting:m1', { itemId: 'i1' })).toBe('m1');
    expect(entryMeetingId('question:q1', { meetingId: 'm2', itemId: 'i1' })).toBe('m2');
    expect(entryMeetingId('action:a1', { changes: {} })).toBeUndefined();
  });
});

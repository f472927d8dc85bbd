/**
 * The audit log names what its entries refer to, on SQLite and PostgreSQL: a poll by its question,
 * a proposal by its title, a working group by its name, an agenda item by its number and title
 * (in its meeting's agenda), an action item and a question by their text, a call by its kind, each person of an import by their name, exactly as recorded (markup
 * included: the page shows it as text); a thread by its first comment and its document, a comment by
 * its start and author, never the text of one deleted or hidden; a deleted poll reads as gone. A page's names are read in
 * one statement per kind of thing, however many entries name them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { SqlParam } from '../../server/src/storage/db.ts';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import { httpOk, login, type Session } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const DEMO = DEMO_MEETING.id;
// Recorded text that looks like markup stays text, in the answer and on the page.
const MARKUP = '<img src=x onerror="alert(1)">';

/** A part of a name made of several, as the server isolates it (FSI … PDI). */
const isolated = (name: string) => `\u2068${name}\u2069`;

describe.each(BACKENDS)('the audit log’s names on %s', (backend) => {
  const { server } = serverSuite({ backend, database: 'auditnames' });
  let secretariat: Session;
  let chair: Session;
  let member: Session;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    chair = await login(server.baseUrl, 'chair@example.org');
    member = await login(server.baseUrl, 'kwame@example.org');
  });

  const call = <T = any>(who: Session, method: string, path: string, body?: unknown) =>
    httpOk<T>(server.baseUrl, method, path, { cookie: who.cookie, body });
  const log = (query: string) => call<AuditEntryDto[]>(secretariat, 'GET', `/api/audit-log?${query}`);
  const newPoll = (question: string) =>
    call<{ id: string }>(chair, 'POST', `/api/meetings/${DEMO}/polls`, {
      question,
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
    });

  it('names a poll, a proposal and a working group by their question, title and name, as recorded', async () => {
    const poll = await newPoll(`Extend the session? ${MARKUP}`);
    const proposal = await call<{ id: string }>(member, 'POST', `/api/meetings/${DEMO}/proposals`, {
      kind: 'other',
      title: `Youth track ${MARKUP}`,
      summary: 'A track for youth participants.',
    });
    const group = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/working-groups`, {
      name: `Working Group on Audit ${MARKUP}`,
      description: '',
    });
    const sub = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/working-groups`, {
      name: 'Audit sub-group',
      description: '',
      parentId: group.id,
    });

    const [created] = (await log('action=poll.created')).filter((entry) => entry.subject === `poll:${poll.id}`);
    expect(created!.names[poll.id]).toBe(`Extend the session? ${MARKUP}`);
    expect(created!.names[DEMO]).toBe(DEMO_MEETING.title);

    const [proposed] = (await log('action=proposal.create')).filter((entry) => entry.subject === `proposal:${proposal.id}`);
    expect(proposed!.names[proposal.id]).toBe(`Youth track ${MARKUP}`);

    const groups = await log('action=workingGroup.created');
    const subCreated = groups.find((entry) => entry.subject === `workingGroup:${sub.id}`)!;
    expect(subCreated.names[sub.id]).toBe('Audit sub-group');
    // The parent group is named in the detail too.
    expect(subCreated.detail.parentId).toBe(group.id);
    expect(subCreated.names[group.id]).toBe(`Working Group on Audit ${MARKUP}`);
  });

  it('names an agenda item by its number and title in its meeting’s agenda', async () => {
    const items = await call<{ id: string; fullNumber: string; title: string }[]>(
      secretariat,
      'GET',
      `/api/meetings/${DEMO}/agenda-items`,
    );
    await setCurrentItem(server.baseUrl, 1);
    const [changed] = await log('action=meeting.current-item&limit=1');
    expect(changed!.detail.to).toBe(items[1]!.id);
    expect(changed!.names[items[1]!.id]).toBe(`${items[1]!.fullNumber}. ${items[1]!.title}`);
    // A hand raised on it names the item too, under its own field.
    await call(member, 'POST', `/api/meetings/${DEMO}/floor/hands`, {});
    const [raised] = await log('action=floor.hand.raised&limit=1');
    expect(raised!.detail.itemId).toBe(items[1]!.id);
    expect(raised!.names[items[1]!.id]).toBe(`${items[1]!.fullNumber}. ${items[1]!.title}`);
  });

  it('names an action item, a call and a question by their text, kind and words, and an action’s new agenda item', async () => {
    const items = await call<{ id: string; fullNumber: string; title: string }[]>(
      secretariat,
      'GET',
      `/api/meetings/${DEMO}/agenda-items`,
    );
    const action = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/actions`, {
      text: `Circulate the draft ${MARKUP}`,
      owner: { kind: 'person', label: '', userId: member.user.id },
    });
    await call(secretariat, 'PATCH', `/api/actions/${action.id}`, { agendaItemId: items[2]!.id });
    const [changed] = (await log('action=action.update')).filter((entry) => entry.subject === `action:${action.id}`);
    expect(changed!.names[action.id]).toBe(`Circulate the draft ${MARKUP}`);
    // The action's meeting is recorded, so the item it was moved to is named in that meeting's agenda.
    expect(changed!.names[items[2]!.id]).toBe(`${items[2]!.fullNumber}. ${items[2]!.title}`);
    // An action's source by what its type says (a poll, an agenda item), a group owner by its working group.
    const poll = await newPoll('Source of an action');
    const group = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/working-groups`, {
      name: 'Owners of actions',
      description: '',
    });
    const fromPoll = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/actions`, {
      text: 'Act on the poll',
      owner: { kind: 'group', label: 'Owners of actions', refId: group.id },
      source: { type: 'poll', id: poll.id },
    });
    const fromItem = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/actions`, {
      text: 'Act on the item',
      owner: { kind: 'person', label: '', userId: member.user.id },
      source: { type: 'agendaItem', id: items[1]!.id },
    });
    const createdActions = await log('action=action.create');
    const [sourced] = createdActions.filter((entry) => entry.subject === `action:${fromPoll.id}`);
    expect(sourced!.detail.source).toEqual({ type: 'poll', id: poll.id });
    expect(sourced!.names[poll.id]).toBe('Source of an action');
    expect(sourced!.names[group.id]).toBe('Owners of actions');
    const [onItem] = createdActions.filter((entry) => entry.subject === `action:${fromItem.id}`);
    expect(onItem!.names[items[1]!.id]).toBe(`${items[1]!.fullNumber}. ${items[1]!.title}`);

    const now = Date.now();
    const created = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO}/calls`, {
      kind: 'BPF',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    });
    const [opened] = (await log('action=call.create')).filter((entry) => entry.subject === `call:${created.id}`);
    expect(opened!.names[created.id]).toBe('Best Practice Forum proposals');

    const long = `${'How will remote participants be given the floor '.repeat(3)}${MARKUP}`;
    const question = await call<{ id: string }>(member, 'POST', `/api/meetings/${DEMO}/questions`, { text: long });
    const [asked] = (await log('action=question.asked')).filter((entry) => entry.subject === `question:${question.id}`);
    const name = asked!.names[question.id]!;
    // A long question is named by its start, as one line.
    expect(name.endsWith('…')).toBe(true);
    expect(Array.from(name).length).toBeLessThanOrEqual(80);
    expect(long.startsWith(name.slice(0, -1))).toBe(true);
  });

  it('names a thread by its first comment and its document, and a comment by its start and author, never a deleted or hidden text', async () => {
    const proposal = await call<{ id: string }>(member, 'POST', `/api/meetings/${DEMO}/proposals`, {
      kind: 'other',
      title: `Remote hubs ${backend}`,
      summary: 'Hubs for remote participation.',
    });
    // A mention reads as the person's name; the start of a long text, as one line.
    const opening = `Thanks <@${chair.user.id}>,\n${'the hubs need a budget line before the session '.repeat(3)}`;
    const thread = await call<{ id: string; comments: { id: string }[] }>(member, 'POST', '/api/threads', {
      doc: `proposal:${proposal.id}`,
      body: opening,
    });
    const reply = await call<{ id: string }>(chair, 'POST', `/api/threads/${thread.id}/comments`, { body: `Agreed ${MARKUP}` });
    const [created] = (await log('action=thread.create')).filter((entry) => entry.subject === `thread:${thread.id}`);
    const threadName = created!.names[thread.id]!;
    // Each recorded part (the comment's start, its author, the proposal's title) is isolated, for the page's <bdi>s.
    expect(threadName.startsWith(`“\u2068Thanks @${chair.user.name}, the hubs need a budget line`)).toBe(true);
    expect(threadName).toContain(`…\u2069” by ${isolated(member.user.name)} on ${isolated(`Remote hubs ${backend}`)}`);
    // The thread's first comment is named in the detail too.
    expect(created!.names[thread.comments[0]!.id]).toMatch(
      new RegExp(`^“\u2068Thanks @.*…\u2069” by ${isolated(member.user.name)}$`),
    );
    const [replied] = (await log('action=comment.create')).filter((entry) => entry.subject === `comment:${reply.id}`);
    expect(replied!.names[reply.id]).toBe(`“${isolated(`Agreed ${MARKUP}`)}” by ${isolated(chair.user.name)}`);
    expect(replied!.names[thread.id]).toBe(threadName);

    // On an agenda, the thread is on its meeting's agenda.
    const agenda = await call<{ id: string; comments: { id: string }[] }>(member, 'POST', '/api/threads', {
      doc: `agenda:${DEMO}`,
      body: 'Item 3 overruns',
    });
    const [onAgenda] = (await log('action=thread.create')).filter((entry) => entry.subject === `thread:${agenda.id}`);
    expect(onAgenda!.names[agenda.id]).toBe(
      `“${isolated('Item 3 overruns')}” by ${isolated(member.user.name)} on the agenda of ${isolated(DEMO_MEETING.title)}`,
    );

    // Deleted by its author, hidden by a moderator: said so, its text shown nowhere in the log.
    const secret = await call<{ id: string }>(member, 'POST', `/api/threads/${thread.id}/comments`, { body: 'Withdrawn remark' });
    const rude = await call<{ id: string }>(member, 'POST', `/api/threads/${thread.id}/comments`, { body: 'Rude remark' });
    await call(member, 'DELETE', `/api/comments/${secret.id}`);
    await call(chair, 'DELETE', `/api/comments/${rude.id}`, { reason: 'Off topic' });
    await call(member, 'DELETE', `/api/comments/${agenda.comments[0]!.id}`);
    const comments = await log('action=comment.');
    const named = (id: string) => comments.find((entry) => entry.subject === `comment:${id}`)!.names[id];
    expect(named(secret.id)).toBe(`a deleted comment by ${isolated(member.user.name)}`);
    expect(named(rude.id)).toBe(`a hidden comment by ${isolated(member.user.name)}`);
    const [again] = (await log('action=thread.create')).filter((entry) => entry.subject === `thread:${agenda.id}`);
    expect(again!.names[agenda.id]).toBe(
      `a deleted comment by ${isolated(member.user.name)} on the agenda of ${isolated(DEMO_MEETING.title)}`,
    );
    const everything = JSON.stringify(await log('limit=10000'));
    expect(everything).not.toContain('Withdrawn remark');
    expect(everything).not.toContain('Rude remark');
  });

  it('names a speaker’s hand by whose it is and its item, records the item when it is lowered or its turn ends, and names an agenda version', async () => {
    const items = await call<{ id: string; fullNumber: string; title: string }[]>(
      secretariat,
      'GET',
      `/api/meetings/${DEMO}/agenda-items`,
    );
    const item = items[2]!;
    await setCurrentItem(server.baseUrl, 2);
    const speaker = await login(server.baseUrl, 'olena@example.org');
    const hand = (await call<{ id: string }>(speaker, 'POST', `/api/meetings/${DEMO}/floor/hands`, {})).id;
    const handName = `${isolated(speaker.user.name)}, item ${isolated(`${item.fullNumber}. ${item.title}`)}`;
    const [raised] = await log('action=floor.hand.raised&limit=1&lang=en');
    expect(raised!.detail.handId).toBe(hand);
    expect(raised!.names[hand]).toBe(handName);
    // The list reordered: each of its hands by whose it is.
    await call(chair, 'PUT', `/api/meetings/${DEMO}/floor/queue`, { ids: [hand] });
    const [reordered] = await log('action=floor.queue.reordered&limit=1&lang=en');
    expect(reordered!.detail.ids).toEqual([hand]);
    expect(reordered!.names[hand]).toBe(handName);
    await call(chair, 'DELETE', `/api/meetings/${DEMO}/floor/hands/${hand}`);
    const [lowered] = await log('action=floor.hand.lowered&limit=1&lang=en');
    expect(lowered!.detail).toMatchObject({ handId: hand, userId: speaker.user.id, itemId: item.id });
    expect(lowered!.names[hand]).toBe(handName);
    // In Russian, the words around the person's and the item's names.
    const [russian] = await log('action=floor.hand.lowered&limit=1&lang=ru');
    expect(russian!.names[hand]).toBe(`${isolated(speaker.user.name)}, пункт ${isolated(`${item.fullNumber}. ${item.title}`)}`);

    const again = (await call<{ id: string }>(speaker, 'POST', `/api/meetings/${DEMO}/floor/hands`, {})).id;
    await call(chair, 'POST', `/api/meetings/${DEMO}/floor/next`, { handId: again });
    await call(chair, 'POST', `/api/meetings/${DEMO}/floor/end-turn`);
    const [ended] = await log('action=floor.turn.ended&limit=1&lang=en');
    expect(ended!.detail).toMatchObject({ handId: again, userId: speaker.user.id, itemId: item.id });
    expect(ended!.names[again]).toBe(handName);
    // An entry written before the item was recorded on lowering: its hand still says the item.
    await server.app.store.audit.record({
      actorId: chair.user.id,
      action: 'floor.hand.lowered',
      subject: `meeting:${DEMO}`,
      detail: { handId: hand, userId: speaker.user.id },
    });
    const [older] = await log('action=floor.hand.lowered&limit=1&lang=en');
    expect(older!.names[hand]).toBe(handName);

    const version = await call<{ id: string }>(chair, 'POST', `/api/meetings/${DEMO}/versions`, {
      name: `Before the hands ${MARKUP}`,
    });
    const { before } = await call<{ before: { id: string } }>(
      chair,
      'POST',
      `/api/meetings/${DEMO}/versions/${version.id}/restore`,
    );
    const [named] = await log('action=agenda.version&limit=1');
    expect(named!.names[version.id]).toBe(`Before the hands ${MARKUP}`);
    const [restored] = await log('action=agenda.restore&limit=1');
    expect(restored!.detail).toMatchObject({ versionId: version.id, name: `Before the hands ${MARKUP}` });
    expect(restored!.names[version.id]).toBe(`Before the hands ${MARKUP}`);

    // A version the board named itself is named in the reader's language: the one saved before the
    // restore, restored in turn, and an automatic one stored before its parts were (English only).
    await call(chair, 'POST', `/api/meetings/${DEMO}/versions/${before.id}/restore`);
    const [restoredBefore] = await log('action=agenda.restore&limit=1&lang=fr');
    expect(restoredBefore!.names[before.id]).toBe(`Avant la restauration de « Before the hands ${MARKUP} »`);
    const oldId = `old-automatic-${backend}`;
    await server.app.store.db.run(
      `INSERT INTO agenda_versions (id, meeting_id, seq, name, kind, created_by, created_at) VALUES (?, ?, ?, ?, 'auto', NULL, ?)`,
      [oldId, DEMO, -1, 'Automatic, 2025-02-25 10:00 UTC', Date.parse('2025-02-25T10:00:30Z')],
    );
    await server.app.store.audit.record({
      actorId: chair.user.id,
      action: 'agenda.restore',
      subject: `meeting:${DEMO}`,
      detail: { versionId: oldId },
    });
    const [old] = await log('action=agenda.restore&limit=1&lang=ru');
    expect(old!.names[oldId]).toMatch(/^Автоматически, .*2025.*10:00/);

    // The version saved before restoring that automatic one names it in the reader's words too, not
    // in the English its name is stored in: from the restored version when the origin says which
    // (its own name is read from what it is made of), or from that English when an older one does not.
    const inner = 'Automatic, 2025-02-25 10:00 UTC';
    const beforeIds = [`before-old-${backend}`, `before-new-${backend}`];
    for (const [index, id] of beforeIds.entries()) {
      // The newer one's kept name is not what it reads: the version it names (oldId) is read instead.
      const origin = index === 0 ? null : JSON.stringify({ made: 'beforeRestore', versionId: oldId, name: 'Not read' });
      await server.app.store.db.run(
        `INSERT INTO agenda_versions (id, meeting_id, seq, name, kind, created_by, created_at, origin) VALUES (?, ?, ?, ?, 'auto', NULL, ?, ?)`,
        [id, DEMO, -2 - index, `Before restoring “${inner}”`, Date.parse('2025-02-25T11:00:00Z'), origin],
      );
      await server.app.store.audit.record({
        actorId: chair.user.id,
        action: 'agenda.restore',
        subject: `meeting:${DEMO}`,
        detail: { versionId: id },
      });
    }
    const both = await log('action=agenda.restore&limit=2&lang=ru');
    for (const id of beforeIds) {
      const name = both.map((entry) => entry.names[id]).find((found) => found !== undefined);
      expect(name, id).toMatch(/^Перед восстановлением «Автоматически, .*2025.*10:00.*»$/);
      expect(name, id).not.toContain('Automatic');
    }
  });

  it('records no item for a hand raised while no item is current, rather than an empty id', async () => {
    const meetingId = await createMeeting(server.baseUrl, { title: `No item yet ${backend}` });
    await call(member, 'POST', `/api/meetings/${meetingId}/floor/hands`, {});
    const [raised] = await log('action=floor.hand.raised&limit=1');
    expect(raised!.subject).toBe(`meeting:${meetingId}`);
    expect(raised!.detail).not.toHaveProperty('itemId');
  });

  it('says that a deleted poll and an item off the agenda no longer exist, and names each person of an import', async () => {
    const poll = await newPoll('A draft to delete');
    await call(chair, 'DELETE', `/api/polls/${poll.id}`);
    const [deleted] = (await log('action=poll.deleted')).filter((entry) => entry.subject === `poll:${poll.id}`);
    expect(deleted!.names).toHaveProperty(poll.id, null);

    await server.app.store.audit.record({
      actorId: chair.user.id,
      action: 'floor.hand.lowered',
      subject: `meeting:${DEMO}`,
      detail: { handId: 'hand-gone', userId: member.user.id, itemId: 'item-gone' },
    });
    const [lowered] = await log('action=floor.hand.lowered&limit=1');
    expect(lowered!.names).toHaveProperty('item-gone', null);
    // Hands are never deleted: one not found is not one the log knows, and reads as such.
    expect(lowered!.names).toHaveProperty('hand-gone', null);

    const csv = `email,name,role,group\nada.${backend}@import.example,Ada <b>Lovelace</b>,member,civil-society\n`;
    const imported = await fetch(`${server.baseUrl}/api/users/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: secretariat.cookie },
      body: csv,
    });
    expect(imported.status).toBe(200);
    const [entry] = await log('action=user.import&limit=1');
    const [person] = entry!.detail.people as { id: string; name: string }[];
    expect(entry!.names[person!.id]).toBe('Ada <b>Lovelace</b>');
  });

  it('reads a page’s names in one statement per kind, however many entries name them', async () => {
    const questions = ['First of three', 'Second of three', 'Third of three'];
    const created = [];
    for (const question of questions) created.push(await newPoll(question));
    const db = server.app.store.db;
    const statements: string[] = [];
    const { all, get } = db;
    const count =
      <F extends (sql: string, params?: readonly SqlParam[]) => Promise<unknown>>(read: F) =>
      (sql: string, params?: readonly SqlParam[]) => {
        statements.push(sql);
        return read.call(db, sql, params);
      };
    db.all = count(all) as typeof all;
    db.get = count(get) as typeof get;
    let entries: AuditEntryDto[];
    try {
      entries = await log('action=poll.created');
    } finally {
      db.all = all;
      db.get = get;
    }
    const named = created.map(({ id }) => entries.find((entry) => entry.subject === `poll:${id}`)?.names[id]);
    expect(named).toEqual(questions);
    const reads = (table: string) => statements.filter((sql) => new RegExp(`FROM ${table}\\s+WHERE id`).test(sql));
    expect(reads('polls')).toHaveLength(1);
    expect(reads('meetings')).toHaveLength(1);
    expect(reads('users')).toHaveLength(1);
  });
});

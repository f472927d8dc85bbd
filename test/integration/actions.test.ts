/**
 * Action items: who may create and change them, "my actions", overdue flags, the history of
 * every change, sources (agenda item, comment, poll), the live projection, and the deadlines as
 * an iCalendar file that a real parser reads back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { liveDoc } from '../../shared/documentNames.ts';
import { todayIso } from '../../shared/dueDates.ts';
import type { ActionDto } from '../../shared/schemas/actions.ts';
import { http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { icalEvents } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, peer } = serverSuite();
let secretariat: Session;
let chair: Session;
let kwame: Session;
let mei: Session;
let observer: Session;

const MEETING = DEMO_MEETING.id;
const actionsPath = `/api/meetings/${MEETING}/actions`;

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  chair = await login(server.baseUrl, 'chair@example.org');
  kwame = await login(server.baseUrl, 'kwame@example.org');
  mei = await login(server.baseUrl, 'mei@example.org');
  observer = await login(server.baseUrl, 'tomas@example.org');
});

const create = (session: Session, body: unknown, meetingId = MEETING) =>
  http<ActionDto>(server.baseUrl, 'POST', `/api/meetings/${meetingId}/actions`, { cookie: session.cookie, body });
const patch = (session: Session, id: string, body: unknown) =>
  http<ActionDto>(server.baseUrl, 'PATCH', `/api/actions/${id}`, { cookie: session.cookie, body });

describe('action items', () => {
  it('lets the secretariat, the chair and members create actions, and observers only read them', async () => {
    const bySecretariat = await create(secretariat, {
      text: 'The IGF Secretariat to circulate the updated timeline.',
      owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' },
      due: { label: 'by 15 March' },
      source: { type: 'agendaItem', id: 'oc1-timeline' },
    });
    expect(bySecretariat.status).toBe(201);
    expect(bySecretariat.body).toMatchObject({
      text: 'The IGF Secretariat to circulate the updated timeline.',
      owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' },
      due: { label: 'by 15 March', start: '2025-03-15', end: '2025-03-15' },
      status: 'open',
      source: { type: 'agendaItem', id: 'oc1-timeline' },
      agendaItemId: 'oc1-timeline',
      createdBy: { id: secretariat.user.id, name: 'Amina Haddad' },
    });
    expect(
      (await create(chair, { text: 'Chair’s own follow-up', owner: { kind: 'person', userId: chair.user.id, label: '' } }))
        .status,
    ).toBe(201);
    const byMember = await create(kwame, {
      text: 'Share the youth survey with the MAG.',
      owner: { kind: 'person', userId: mei.user.id, label: 'ignored: the server names the person' },
      due: { label: 'second half of March' },
    });
    expect(byMember.status).toBe(201);
    expect(byMember.body.owner).toEqual({ kind: 'person', label: 'Mei Lin', userId: mei.user.id });
    expect(byMember.body.due).toEqual({ label: 'second half of March', start: '2025-03-16', end: '2025-03-31' });

    const byObserver = await create(observer, { text: 'Observers cannot', owner: { kind: 'body', label: 'DCs' } });
    expect(byObserver.status).toBe(403);
    const list = await http<ActionDto[]>(server.baseUrl, 'GET', actionsPath, { cookie: observer.cookie });
    expect(list.status).toBe(200);
    expect(list.body.map((action) => action.text)).toContain('Share the youth survey with the MAG.');
    expect(list.body.map((action) => action.text)).not.toContain('Observers cannot');
    expect((await http(server.baseUrl, 'GET', actionsPath)).status).toBe(401);
  });

  it('lets members change only the actions they created or own; the secretariat and chair change any', async () => {
    const forMei = (
      await create(kwame, { text: 'Draft the WG summary.', owner: { kind: 'person', userId: mei.user.id, label: '' } })
    ).body;
    const secretariatOwn = (
      await create(secretariat, { text: 'Book the rooms.', owner: { kind: 'role', role: 'secretariat', label: '' } })
    ).body;

    expect((await patch(mei, forMei.id, { status: 'in-progress' })).body.status).toBe('in-progress'); // the owner
    expect((await patch(kwame, forMei.id, { text: 'Draft the WG summary and circulate it.' })).status).toBe(200); // the creator
    const stranger = await login(server.baseUrl, 'laura@example.org');
    expect((await patch(stranger, forMei.id, { status: 'done' })).status).toBe(403);
    expect((await patch(kwame, secretariatOwn.id, { status: 'done' })).status).toBe(403);
    expect((await patch(observer, forMei.id, { status: 'done' })).status).toBe(403);
    expect((await patch(chair, secretariatOwn.id, { status: 'dropped' })).body.status).toBe('dropped');
    expect((await patch(secretariat, forMei.id, { status: 'done' })).body.status).toBe('done');

    // A refused change changed nothing.
    const after = await http<ActionDto>(server.baseUrl, 'GET', `/api/actions/${forMei.id}`, { cookie: observer.cookie });
    expect(after.body).toMatchObject({ text: 'Draft the WG summary and circulate it.', status: 'done' });
  });

  it('keeps the history of every change, with who made it', async () => {
    const action = (
      await create(kwame, { text: 'Collect NRI input.', owner: { kind: 'person', userId: kwame.user.id, label: '' } })
    ).body;
    await patch(kwame, action.id, { due: { label: '', start: '2025-04-01', end: '2025-04-10' } });
    await patch(chair, action.id, { status: 'done', owner: { kind: 'body', label: 'NRIs' } });
    const history = await http<{ action: string; actor: { name: string } | null; detail: Record<string, any> }[]>(
      server.baseUrl,
      'GET',
      `/api/actions/${action.id}/history`,
      { cookie: observer.cookie },
    );
    expect(history.status).toBe(200);
    expect(history.body.map((entry) => [entry.action, entry.actor?.name])).toEqual([
      ['action.create', 'Kwame Asante'],
      ['action.update', 'Kwame Asante'],
      ['action.update', 'Carlos Mendes'],
    ]);
    expect(history.body[1]!.detail.changes.due).toEqual({
      from: null,
      to: { label: '1\u2009–\u200910 April 2025', start: '2025-04-01', end: '2025-04-10' },
    });
    expect(history.body[2]!.detail.changes.status).toEqual({ from: 'open', to: 'done' });
    expect(history.body[2]!.detail.changes.owner.to).toEqual({ kind: 'body', label: 'NRIs' });
  });

  it('labels a due range given without words, and a role owner without a name, in the writer’s language', async () => {
    const inFrench = await http<ActionDto>(server.baseUrl, 'POST', `${actionsPath}?lang=fr`, {
      cookie: secretariat.cookie,
      body: {
        text: 'Réserver les salles.',
        owner: { kind: 'role', role: 'secretariat', label: '' },
        due: { label: '', start: '2025-04-01', end: '2025-04-10' },
      },
    });
    expect(inFrench.status).toBe(201);
    expect(inFrench.body.owner).toEqual({ kind: 'role', role: 'secretariat', label: 'Le Secrétariat' });
    expect(inFrench.body.due).toEqual({ label: '1–10 avril 2025', start: '2025-04-01', end: '2025-04-10' });
    const inChinese = await http<ActionDto>(server.baseUrl, 'PATCH', `/api/actions/${inFrench.body.id}?lang=zh`, {
      cookie: secretariat.cookie,
      body: { due: { label: '', start: '2025-04-01', end: '2025-04-10' } },
    });
    expect(inChinese.body.due!.label).toBe('2025年4月1日至2025年4月10日');
    // Words the person gave are kept as said.
    const said = await http<ActionDto>(server.baseUrl, 'PATCH', `/api/actions/${inFrench.body.id}?lang=ar`, {
      cookie: secretariat.cookie,
      body: { due: { label: 'avant la réunion', start: '2025-04-01', end: '2025-04-10' } },
    });
    expect(said.body.due!.label).toBe('avant la réunion');
  });

  it('flags pending actions past their due range as overdue, and not done or future ones', async () => {
    const past = (
      await create(secretariat, {
        text: 'Long overdue.',
        owner: { kind: 'body', label: 'ICANN' },
        due: { label: '', start: '2020-01-01', end: '2020-01-31' },
      })
    ).body;
    const future = (
      await create(secretariat, {
        text: 'Not yet due.',
        owner: { kind: 'body', label: 'ICANN' },
        due: { label: 'someday', start: '2999-01-01', end: '2999-01-31' },
      })
    ).body;
    const today = todayIso();
    const dueToday = (
      await create(secretariat, {
        text: 'Due today.',
        owner: { kind: 'body', label: 'ICANN' },
        due: { label: 'today', start: today, end: today },
      })
    ).body;
    expect(past.overdue).toBe(true);
    expect(future.overdue).toBe(false);
    expect(dueToday.overdue).toBe(false);
    expect((await patch(secretariat, past.id, { status: 'done' })).body.overdue).toBe(false);
    expect((await patch(secretariat, past.id, { status: 'in-progress' })).body.overdue).toBe(true);
    // The demo's seed meeting has an open action from February 2025: overdue now.
    const seeded = await http<ActionDto[]>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/actions`, {
      cookie: observer.cookie,
    });
    const meeting = seeded.body.find((action) =>
      action.text.startsWith('The IGF Secretariat to schedule a joint MAG-LP meeting'),
    )!;
    expect(meeting).toMatchObject({
      status: 'open',
      overdue: true,
      due: { label: 'second half of February', start: '2025-02-16', end: '2025-02-28' },
    });
    expect(seeded.body.find((action) => action.status === 'done')!.overdue).toBe(false);
  });

  it('lists "my actions": owned in person or through one’s role', async () => {
    const mine = await http<ActionDto[]>(server.baseUrl, 'GET', `${actionsPath}?owner=me`, { cookie: kwame.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    for (const action of mine.body) expect(action.owner.userId).toBe(kwame.user.id);
    expect(mine.body.map((action) => action.text)).toContain(
      'Kwame Asante to circulate the revised proposal for a Policy Network on the Implementation of the Global Digital Compact.',
    );
    const secretariats = await http<ActionDto[]>(server.baseUrl, 'GET', `${actionsPath}?owner=me`, {
      cookie: secretariat.cookie,
    });
    expect(
      secretariats.body.every((action) => action.owner.role === 'secretariat' || action.owner.userId === secretariat.user.id),
    ).toBe(true);
    expect(secretariats.body.map((action) => action.text)).toContain(
      'The IGF Secretariat to share the NRI workplan for 2025 with the MAG.',
    );
  });

  it('takes actions from a comment or a poll of the same meeting, and refuses made-up sources', async () => {
    const thread = await http<{ id: string; comments: { id: string }[] }>(server.baseUrl, 'POST', '/api/threads', {
      cookie: kwame.cookie,
      body: { doc: `agenda:${MEETING}`, body: 'Someone should write to the DCs about a liaison.' },
    });
    expect(thread.status).toBe(201);
    const commentId = thread.body.comments[0]!.id;
    const fromComment = await create(chair, {
      text: 'Write to the DCs about a DC-MAG liaison.',
      owner: { kind: 'person', userId: kwame.user.id, label: '' },
      source: { type: 'comment', id: commentId },
    });
    expect(fromComment.status).toBe(201);
    expect(fromComment.body.source).toEqual({ type: 'comment', id: commentId });
    expect(
      (
        await create(chair, {
          text: 'x',
          owner: { kind: 'body', label: 'DCs' },
          source: { type: 'comment', id: 'no-such-comment' },
        })
      ).status,
    ).toBe(400);
    // A comment of this meeting is no source for another meeting's action.
    expect(
      (
        await create(
          chair,
          { text: 'x', owner: { kind: 'body', label: 'DCs' }, source: { type: 'comment', id: commentId } },
          SEED_MEETING.id,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await create(chair, {
          text: 'x',
          owner: { kind: 'body', label: 'DCs' },
          source: { type: 'agendaItem', id: 'not-on-the-agenda' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await create(chair, { text: 'x', owner: { kind: 'body', label: 'DCs' }, source: { type: 'poll', id: 'no-such-poll' } }))
        .status,
    ).toBe(400);

    const polls = await http<{ id: string }[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/polls`, { cookie: chair.cookie });
    const poll = polls.body[0]!;
    const fromPoll = await create(chair, {
      text: 'Announce the result.',
      owner: { kind: 'role', role: 'chair', label: '' },
      source: { type: 'poll', id: poll.id },
    });
    expect(fromPoll.status).toBe(201);
    expect(fromPoll.body.owner.label).toBe('The Chair');
  });

  it('refuses bad input clearly and stores nothing', async () => {
    const before = (await http<ActionDto[]>(server.baseUrl, 'GET', actionsPath, { cookie: chair.cookie })).body.length;
    const bad = [
      { text: '', owner: { kind: 'body', label: 'DCs' } },
      { text: 'x', owner: { kind: 'body', label: '   ' } },
      { text: 'x', owner: { kind: 'person', label: 'Nobody', userId: 'no-such-user' } },
      { text: 'x', owner: { kind: 'role', label: 'x' } },
      { text: 'x', owner: { kind: 'body', label: 'DCs' }, due: { label: 'when pigs fly' } },
      { text: 'x', owner: { kind: 'body', label: 'DCs' }, due: { label: '', start: '2025-02-30' } },
      { text: 'x', owner: { kind: 'body', label: 'DCs' }, due: { label: '', start: '2025-03-10', end: '2025-03-01' } },
      { text: 'x', owner: { kind: 'body', label: 'DCs' }, status: 'finished' },
    ];
    for (const body of bad) {
      const result = await create(chair, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect((result.body as unknown as { error: { code: string } }).error.code).toBeTruthy();
    }
    expect((await http<ActionDto[]>(server.baseUrl, 'GET', actionsPath, { cookie: chair.cookie })).body.length).toBe(before);
  });

  it('names the due-date field a refusal is about, so the form can say it there', async () => {
    const owner = { kind: 'body', label: 'DCs' };
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ label: 'by next Friday' }, { field: 'due.label', label: 'by next Friday' }],
      [{ label: '', start: '2025-02-30' }, { field: 'due.start' }],
      [{ label: '', start: '2025-03-10', end: '2025-03-01' }, { field: 'due.end' }],
    ];
    for (const [due, details] of cases) {
      const result = await create(chair, { text: 'x', owner, due });
      expect(result.status, JSON.stringify(due)).toBe(400);
      const { error } = result.body as unknown as { error: { code: string; details?: unknown } };
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.details).toEqual(details);
    }
  });

  it('projects actions into the live document, so every screen sees a change', async () => {
    const name = liveDoc(MEETING);
    const watcher = peer(observer, name);
    await synced(watcher);
    const actions = watcher.doc.getMap<ActionDto>('actions');
    expect(actions.size).toBeGreaterThan(0);
    const created = (await create(mei, { text: 'Seen live.', owner: { kind: 'person', userId: mei.user.id, label: '' } })).body;
    await waitFor(() => actions.get(created.id)?.text === 'Seen live.', { message: 'the new action live' });
    await patch(mei, created.id, { status: 'done' });
    await waitFor(() => actions.get(created.id)?.status === 'done', { message: 'the change live' });
  });

  it('exports the deadlines as iCalendar that a parser reads back', async () => {
    const response = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/actions.ics`, {
      cookie: observer.cookie,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const events = icalEvents(response.body);
    const pending = (
      await http<ActionDto[]>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/actions`, { cookie: observer.cookie })
    ).body.filter((action) => action.due && (action.status === 'open' || action.status === 'in-progress'));
    expect(events.length).toBe(pending.length);
    expect(events.length).toBeGreaterThan(0);
    const joint = events.find((event) => event.description.startsWith('The IGF Secretariat to schedule a joint MAG-LP meeting'))!;
    expect(joint).toMatchObject({ start: '2025-02-28', allDay: true });
    expect(joint.description).toContain('Due: second half of February (2025-02-16 – 2025-02-28)');
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });
});

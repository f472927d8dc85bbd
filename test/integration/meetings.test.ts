/**
 * Meetings administered by the secretariat, on SQLite and PostgreSQL: every route as anonymous,
 * observer, member, chair and secretariat (nothing changes on a refusal), bad input named by
 * field, "Create from" (agenda and working groups, no comments or history), archive (every write
 * 409 MEETING_ARCHIVED, open polls closed, a live agenda connection turned read-only) and delete.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc, proposalDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { LIVE_MEETING_STATUS_MAP, type MeetingDto } from '../../shared/schemas/meetings.ts';
import { acknowledged, http, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const DEMO = DEMO_MEETING.id;
const ROLES = ['anonymous', 'observer', 'member', 'chair'] as const;
const EXPECTED = { anonymous: 401, observer: 403, member: 403, chair: 403 } as const;

const NEW_MEETING = {
  title: 'Joint MAG-LP meeting',
  startsOn: '2025-02-17',
  endsOn: '2025-02-18',
  timeZone: 'Europe/Oslo',
  format: 'hybrid',
  place: 'Geneva',
  description: 'The joint meeting the seed asks the Secretariat to schedule in the second half of February.',
};

for (const backend of BACKENDS) {
  describe(`meetings administered by the secretariat (${backend})`, () => {
    const { server, peer: peerOf } = serverSuite({ backend, database: 'meetings' });
    const as: Record<string, Session | null> = { anonymous: null };

    beforeAll(async () => {
      as.observer = await login(server.baseUrl, 'tomas@example.org');
      as.member = await login(server.baseUrl, 'kwame@example.org');
      as.chair = await login(server.baseUrl, 'chair@example.org');
      as.secretariat = await login(server.baseUrl, 'secretariat@example.org');
    });

    const call = <T = any>(who: string, method: string, path: string, body?: unknown) =>
      http<T>(server.baseUrl, method, path, {
        ...(as[who] ? { cookie: as[who]!.cookie } : {}),
        ...(body === undefined ? {} : { body }),
      });
    const peer = (who: string, name: string) => peerOf(as[who]!, name);
    const meetingCount = async () => (await call<MeetingDto[]>('secretariat', 'GET', '/api/meetings')).body.length;
    const create = async (body: Record<string, unknown> = NEW_MEETING) => {
      const result = await call<MeetingDto>('secretariat', 'POST', '/api/meetings', body);
      expect(result.status, JSON.stringify(result.body)).toBe(201);
      return result.body;
    };

    it('lists meetings with visibility, status, dates, format and counts of open polls and actions', async () => {
      expect((await call('anonymous', 'GET', '/api/meetings')).status).toBe(401);
      const result = await call<MeetingDto[]>('observer', 'GET', '/api/meetings');
      expect(result.status).toBe(200);
      const demo = result.body.find((meeting) => meeting.id === DEMO)!;
      expect(demo).toMatchObject({
        visibility: 'public',
        status: 'active',
        startsOn: '2025-02-25',
        endsOn: '2025-02-27',
        timeZone: 'UTC',
        timezone: 'UTC',
        format: 'hybrid',
        form: 'Hybrid',
        agendaDoc: agendaDoc(DEMO),
        liveDoc: liveDoc(DEMO),
      });
      const seed = result.body.find((meeting) => meeting.id === SEED_MEETING.id)!;
      expect(seed).toMatchObject({ visibility: 'mag', status: 'active', format: 'online', endsOn: SEED_MEETING.startsOn });
      expect(seed.openActions).toBeGreaterThan(0);
      expect(typeof demo.openPolls).toBe('number');
    });

    it('creates a meeting for the secretariat only; other roles are refused and nothing is created', async () => {
      const before = await meetingCount();
      for (const role of ROLES)
        expect((await call(role, 'POST', '/api/meetings', NEW_MEETING)).status, role).toBe(EXPECTED[role]);
      expect(await meetingCount()).toBe(before);
      const meeting = await create();
      expect(meeting).toMatchObject({
        title: NEW_MEETING.title,
        startsOn: '2025-02-17',
        endsOn: '2025-02-18',
        timeZone: 'Europe/Oslo',
        format: 'hybrid',
        place: 'Geneva',
        form: 'Hybrid, Geneva',
        visibility: 'mag',
        status: 'active',
        agendaDoc: agendaDoc(meeting.id),
        liveDoc: liveDoc(meeting.id),
        openPolls: 0,
        openActions: 0,
      });
      expect(await meetingCount()).toBe(before + 1);
      // Its documents exist at once: no restart.
      const agenda = peer('member', meeting.agendaDoc);
      const live = peer('observer', meeting.liveDoc);
      await Promise.all([synced(agenda), synced(live)]);
      expect(agenda.scope).toBe('read-write');
      appendParagraph(agenda.doc, 'First line of the new agenda');
      await acknowledged(agenda);
    });

    it('refuses bad dates, unknown time zones and unknown fields with a 400 naming the field', async () => {
      const before = await meetingCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...NEW_MEETING, endsOn: '2025-02-16' }, 'endsOn'],
        [{ ...NEW_MEETING, startsOn: '2025-02-30' }, 'startsOn'],
        [{ ...NEW_MEETING, endsOn: 'next week' }, 'endsOn'],
        [{ ...NEW_MEETING, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ ...NEW_MEETING, format: 'carrier-pigeon' }, 'format'],
        [{ ...NEW_MEETING, visibility: 'secret' }, 'visibility'],
        [{ ...NEW_MEETING, title: '' }, 'title'],
        [{ ...NEW_MEETING, title: '   ' }, 'title'],
        [{ ...NEW_MEETING, title: '\u200b\u00a0\u3000\ufeff' }, 'title'],
        [{ ...NEW_MEETING, copyFrom: 'no-such-meeting' }, 'copyFrom'],
      ];
      for (const [body, field] of cases) {
        const result = await call('secretariat', 'POST', '/api/meetings', body);
        expect(result.status, field).toBe(400);
        expect(result.body.error.message, field).toContain(field);
      }
      expect(await meetingCount()).toBe(before);
    });

    it('creates from another meeting: its agenda items with times and presenters, its working groups without members, no comments or history', async () => {
      const copy = await create({
        ...NEW_MEETING,
        title: 'IGF 2025 Second Open Consultation',
        copyFrom: DEMO,
        visibility: 'public',
      });
      expect(copy.visibility).toBe('public');
      const source = await call<any[]>('observer', 'GET', `/api/meetings/${DEMO}/agenda-items`);
      const copied = await call<any[]>('observer', 'GET', `/api/meetings/${copy.id}/agenda-items`);
      // Days are the new meeting's (the next test): the demo has three, this copy two.
      const shape = (items: any[]) =>
        items.map(({ id, title, start, duration, presenter }) => ({ id, title, start, duration, presenter }));
      expect(copied.body.length).toBeGreaterThan(3);
      expect(shape(copied.body)).toEqual(shape(source.body));
      expect(copied.body.some((item) => item.presenter)).toBe(true);
      const groups = await call<any[]>('observer', 'GET', `/api/meetings/${copy.id}/working-groups`);
      const sourceGroups = await call<any[]>('observer', 'GET', `/api/meetings/${DEMO}/working-groups`);
      expect(groups.body.map((group) => group.name).sort()).toEqual(sourceGroups.body.map((group) => group.name).sort());
      expect(groups.body.every((group) => group.members.length === 0)).toBe(true);
      expect((await call<any[]>('observer', 'GET', `/api/threads?doc=${agendaDoc(copy.id)}`)).body).toEqual([]);
      expect((await call<any[]>('observer', 'GET', `/api/meetings/${copy.id}/versions`)).body).toEqual([]);
      const agenda = peer('member', agendaDoc(copy.id));
      await synced(agenda);
      expect(plainText(agenda.doc)).toContain(source.body[0].title);
      // Only empty structure was copied: it can still be deleted.
      expect((await call('secretariat', 'DELETE', `/api/meetings/${copy.id}`)).status).toBe(204);
    });

    it('puts each item copied from a longer meeting on the nearest day the new meeting has', async () => {
      const source = (await call<any[]>('observer', 'GET', `/api/meetings/${DEMO}/agenda-items`)).body;
      expect(source.some((item) => item.day === 3)).toBe(true);
      for (const [endsOn, dayCount] of [
        ['2025-02-18', 2],
        ['2025-02-17', 1],
      ] as const) {
        const copy = await create({ ...NEW_MEETING, title: `A ${dayCount}-day copy`, endsOn, copyFrom: DEMO });
        const copied = (await call<any[]>('observer', 'GET', `/api/meetings/${copy.id}/agenda-items`)).body;
        expect(copied.map((item) => [item.title, item.day])).toEqual(
          source.map((item) => [item.title, Math.min(item.day, dayCount)]),
        );
        // The copy's agenda holds those days itself: a writer reads them so, and may keep editing.
        const agenda = peer('member', agendaDoc(copy.id));
        await synced(agenda);
        const days = agenda.doc
          .getXmlFragment(RICH_TEXT_FIELD)
          .toArray()
          .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')
          .map((node) => node.getAttribute('day') as unknown as number);
        expect(Math.max(...days)).toBe(dayCount);
      }
    });

    it('refuses to shorten a meeting while agenda items sit on the days that would go, naming them, and changes nothing', async () => {
      const meeting = await create({ ...NEW_MEETING, title: 'Three days', endsOn: '2025-02-19', copyFrom: DEMO });
      const path = `/api/meetings/${meeting.id}`;
      const items = (await call<any[]>('observer', 'GET', `${path}/agenda-items`)).body;
      const onDayThree = items.filter((item) => item.day === 3);
      expect(onDayThree.length).toBeGreaterThan(0);

      const refused = await call('secretariat', 'PATCH', path, { title: 'Two days', endsOn: '2025-02-18' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('MEETING_DAYS_IN_USE');
      expect(refused.body.error.details).toMatchObject({ field: 'endsOn', dayCount: 2, count: onDayThree.length });
      expect(refused.body.error.details.items.map((item: any) => item.title)).toEqual(onDayThree.map((item) => item.title));
      expect(refused.body.error.message).toContain(onDayThree[0].title);
      expect((await call<MeetingDto>('observer', 'GET', path)).body).toMatchObject({ title: 'Three days', endsOn: '2025-02-19' });
      // Starting a day later takes away the third day just the same.
      const later = await call('secretariat', 'PATCH', path, { startsOn: '2025-02-18' });
      expect(later.status).toBe(409);
      expect(later.body.error.details).toMatchObject({ field: 'startsOn', dayCount: 2 });

      // Once the items are moved to day 2, the meeting can be shortened.
      const agenda = peer('secretariat', agendaDoc(meeting.id));
      await synced(agenda);
      agenda.doc.transact(() => {
        for (const node of agenda.doc.getXmlFragment(RICH_TEXT_FIELD).toArray())
          if (node instanceof Y.XmlElement && node.getAttribute('day') === (3 as unknown as string))
            node.setAttribute('day', 2 as unknown as string);
      });
      await acknowledged(agenda);
      const shortened = await call<MeetingDto>('secretariat', 'PATCH', path, { endsOn: '2025-02-18' });
      expect(shortened.status, JSON.stringify(shortened.body)).toBe(200);
      expect(shortened.body.endsOn).toBe('2025-02-18');
    });

    it('changes a meeting for the secretariat only, checking dates and time zone', async () => {
      const meeting = await create({ ...NEW_MEETING, title: 'To be renamed' });
      const path = `/api/meetings/${meeting.id}`;
      for (const role of ROLES)
        expect((await call(role, 'PATCH', path, { title: 'Hijacked' })).status, role).toBe(EXPECTED[role]);
      expect((await call<MeetingDto>('observer', 'GET', path)).body.title).toBe('To be renamed');
      const early = await call('secretariat', 'PATCH', path, { endsOn: '2025-01-01' });
      expect(early.status).toBe(400);
      expect(early.body.error.message).toContain('endsOn');
      const zone = await call('secretariat', 'PATCH', path, { timeZone: 'Atlantis/Capital' });
      expect(zone.status).toBe(400);
      expect(zone.body.error.message).toContain('timeZone');
      const changed = await call<MeetingDto>('secretariat', 'PATCH', path, {
        title: 'Renamed',
        format: 'online',
        place: '',
        visibility: 'public',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ title: 'Renamed', format: 'online', form: 'Online', visibility: 'public' });
    });

    it('records a change of format and place as those two, not as the English one-line form kept for older clients', async () => {
      const meeting = await create({ ...NEW_MEETING, title: 'Moved to Nairobi' });
      const path = `/api/meetings/${meeting.id}`;
      expect((await call('secretariat', 'PATCH', path, { place: 'Nairobi' })).status).toBe(200);
      const changed = await call<MeetingDto>('secretariat', 'PATCH', path, { format: 'in-person', place: 'Addis Ababa' });
      expect(changed.body.form).toBe('In person, Addis Ababa');
      const log = await call<{ subject: string; detail: Record<string, unknown> }[]>(
        'secretariat',
        'GET',
        '/api/audit-log?action=meeting.update&lang=fr',
      );
      const details = log.body.filter((entry) => entry.subject === `meeting:${meeting.id}`).map((entry) => entry.detail);
      // Newest first: each reads in the reader's language from codes and the place as written.
      expect(details).toEqual([{ format: 'in-person', place: 'Addis Ababa' }, { place: 'Nairobi' }]);
    });

    it('records a new meeting’s format and place as given, as a change records them', async () => {
      const meeting = await create({ ...NEW_MEETING, title: 'Opened in Kyoto', format: 'in-person', place: ' Kyoto ' });
      const log = await call<{ subject: string; detail: Record<string, unknown> }[]>(
        'secretariat',
        'GET',
        '/api/audit-log?action=meeting.create',
      );
      const [created] = log.body.filter((entry) => entry.subject === `meeting:${meeting.id}`);
      expect(created!.detail).toMatchObject({ title: 'Opened in Kyoto', format: 'in-person', place: 'Kyoto' });
      // Not the English one-line form kept for older clients.
      expect(created!.detail).not.toHaveProperty('form');
    });

    it('archives for the secretariat only; afterwards every write is 409, polls are closed and a live agenda connection turns read-only', async () => {
      const meeting = await create({ ...NEW_MEETING, title: 'To be archived', copyFrom: DEMO });
      const id = meeting.id;
      // Content before the archive: a thread, a poll open, an action, a proposal, a version.
      const thread = await call('member', 'POST', '/api/threads', { doc: agendaDoc(id), body: 'A comment before the archive' });
      expect(thread.status).toBe(201);
      const poll = await call('chair', 'POST', `/api/meetings/${id}/polls`, {
        question: 'Keep the order?',
        kind: 'single',
        options: [{ label: 'Yes' }, { label: 'No' }],
        audience: 'members',
      });
      expect(poll.status).toBe(201);
      expect((await call('chair', 'POST', `/api/polls/${poll.body.id}/open`)).status).toBe(200);
      const draft = await call('chair', 'POST', `/api/meetings/${id}/polls`, {
        question: 'A draft',
        kind: 'single',
        options: [{ label: 'Yes' }, { label: 'No' }],
        audience: 'members',
      });
      const action = await call('member', 'POST', `/api/meetings/${id}/actions`, {
        text: 'Circulate the notes',
        owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' },
      });
      expect(action.status).toBe(201);
      const proposal = await call('member', 'POST', `/api/meetings/${id}/proposals`, {
        kind: 'PN',
        title: 'A network',
        summary: 'Why',
      });
      expect(proposal.status).toBe(201);
      const groups = await call<any[]>('member', 'GET', `/api/meetings/${id}/working-groups`);
      const question = await call('member', 'POST', `/api/meetings/${id}/questions`, { text: 'Who reports back?' });
      expect(question.status).toBe(201);

      const writer = peer('member', agendaDoc(id));
      const body = peer('member', proposalDoc(proposal.body.id));
      // An observer's open page reads the meeting's status from the live document: what the API tells everyone signed in.
      const watcher = peer('observer', liveDoc(id));
      const liveStatus = () => watcher.doc.getMap(LIVE_MEETING_STATUS_MAP).toJSON();
      await Promise.all([synced(writer), synced(body), synced(watcher)]);
      expect(liveStatus()).toEqual({ [id]: { status: 'active', archivedAt: null } });
      expect(writer.scope).toBe('read-write');
      expect(body.scope).toBe('read-write');

      for (const role of ROLES)
        expect((await call(role, 'POST', `/api/meetings/${id}/archive`)).status, role).toBe(EXPECTED[role]);
      expect((await call<MeetingDto>('observer', 'GET', `/api/meetings/${id}`)).body.status).toBe('active');

      const archived = await call<MeetingDto>('secretariat', 'POST', `/api/meetings/${id}/archive`);
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ status: 'archived', openPolls: 0 });
      expect(typeof archived.body.archivedAt).toBe('number');
      expect((await call('observer', 'GET', `/api/polls/${poll.body.id}`)).body.status).toBe('closed');
      // Open pages learn it without a reload, and nothing more than the API says.
      await waitFor(() => liveStatus()[id]?.status === 'archived', {
        message: 'the live document to say the meeting is archived',
      });
      expect(liveStatus()).toEqual({ [id]: { status: 'archived', archivedAt: archived.body.archivedAt } });

      // The open connection lost its write: it reconnected read-only, and what it types goes nowhere.
      await waitFor(() => writer.scope === 'readonly' && writer.provider.isSynced, {
        message: 'the agenda connection to turn read-only',
      });
      await waitFor(() => body.scope === 'readonly' && body.provider.isSynced, {
        message: 'the proposal body to turn read-only',
      });
      appendParagraph(writer.doc, 'Written after the archive');
      await sleep(400);
      const check = peer('secretariat', agendaDoc(id));
      await synced(check);
      expect(check.scope).toBe('readonly');
      expect(plainText(check.doc)).not.toContain('Written after the archive');

      const writes: [string, string, string, unknown?][] = [
        ['member', 'POST', '/api/threads', { doc: agendaDoc(id), body: 'After' }],
        ['member', 'POST', `/api/threads/${thread.body.id}/comments`, { body: 'After' }],
        ['member', 'PATCH', `/api/comments/${thread.body.comments[0].id}`, { body: 'Edited after' }],
        ['member', 'POST', `/api/threads/${thread.body.id}/resolve`],
        [
          'chair',
          'POST',
          `/api/meetings/${id}/polls`,
          { question: 'After?', kind: 'single', options: [{ label: 'A' }, { label: 'B' }], audience: 'members' },
        ],
        ['chair', 'POST', `/api/polls/${draft.body.id}/open`],
        ['member', 'PUT', `/api/polls/${poll.body.id}/ballot`, { choices: [poll.body.options[0].id] }],
        [
          'member',
          'POST',
          `/api/meetings/${id}/actions`,
          { text: 'After', owner: { kind: 'role', role: 'secretariat', label: 'Secretariat' } },
        ],
        ['member', 'PATCH', `/api/actions/${action.body.id}`, { status: 'done' }],
        ['member', 'POST', `/api/meetings/${id}/proposals`, { kind: 'BPF', title: 'After', summary: 'After' }],
        ['member', 'PATCH', `/api/proposals/${proposal.body.id}`, { title: 'After' }],
        ['member', 'POST', `/api/meetings/${id}/versions`, { name: 'After' }],
        ['member', 'PUT', `/api/working-groups/${groups.body[0].id}/members/me`],
        // The floor: a hand, a check-in, a question, and a question's vote and moderation (named by its own id).
        ['member', 'POST', `/api/meetings/${id}/floor/hands`, {}],
        ['member', 'POST', `/api/meetings/${id}/attendance`, { day: '2025-02-17', mode: 'room' }],
        ['member', 'POST', `/api/meetings/${id}/questions`, { text: 'After?' }],
        ['member', 'PUT', `/api/questions/${question.body.id}/vote`],
        ['member', 'DELETE', `/api/questions/${question.body.id}/vote`],
        ['chair', 'POST', `/api/questions/${question.body.id}/answered`],
        ['chair', 'POST', `/api/questions/${question.body.id}/hide`, { reason: 'After' }],
        ['secretariat', 'PATCH', `/api/meetings/${id}`, { title: 'After' }],
        [
          'secretariat',
          'POST',
          `/api/meetings/${id}/calls`,
          { kind: 'PN', opensAt: '2025-01-01T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' },
        ],
        ['secretariat', 'POST', `/api/meetings/${id}/archive`],
        ['secretariat', 'DELETE', `/api/meetings/${id}`],
      ];
      for (const [who, method, path, payload] of writes) {
        const result = await call(who, method, path, payload);
        expect(result.status, `${method} ${path}`).toBe(409);
        expect(result.body.error.code, `${method} ${path}`).toBe('MEETING_ARCHIVED');
      }
      // Reading stays open.
      expect((await call('observer', 'GET', `/api/meetings/${id}/actions`)).status).toBe(200);
      expect((await call('observer', 'GET', `/api/meetings/${id}/pack.md`)).status).toBe(200);
      expect((await call<any[]>('observer', 'GET', `/api/threads?doc=${agendaDoc(id)}`)).body[0].comments).toHaveLength(1);
    });

    it('deletes a meeting only while it holds nothing but its agenda', async () => {
      const empty = await create({ ...NEW_MEETING, title: 'Scheduled by mistake' });
      for (const role of ROLES)
        expect((await call(role, 'DELETE', `/api/meetings/${empty.id}`)).status, role).toBe(EXPECTED[role]);
      expect((await call('observer', 'GET', `/api/meetings/${empty.id}`)).status).toBe(200);
      expect((await call('secretariat', 'DELETE', `/api/meetings/${empty.id}`)).status).toBe(204);
      expect((await call('observer', 'GET', `/api/meetings/${empty.id}`)).status).toBe(404);
      const gone = peer('member', agendaDoc(empty.id));
      await waitFor(() => gone.denied.length > 0, { message: 'the deleted meeting’s agenda to be refused' });

      const used = await create({ ...NEW_MEETING, title: 'Used' });
      expect((await call('member', 'POST', '/api/threads', { doc: agendaDoc(used.id), body: 'Content' })).status).toBe(201);
      const refused = await call('secretariat', 'DELETE', `/api/meetings/${used.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('MEETING_NOT_EMPTY');
      expect((await call('observer', 'GET', `/api/meetings/${used.id}`)).status).toBe(200);
    });

    it('describes every new route in the OpenAPI document', async () => {
      const paths = (await call<any>('anonymous', 'GET', '/api/openapi.json')).body.paths;
      expect(paths['/api/meetings'].post).toBeDefined();
      expect(paths['/api/meetings/{meetingId}'].patch).toBeDefined();
      expect(paths['/api/meetings/{meetingId}'].delete).toBeDefined();
      expect(paths['/api/meetings/{meetingId}/archive'].post).toBeDefined();
    });
  });
}

/**
 * Calls for proposals (409 CALL_CLOSED outside an open call of the kind), the audit log for the
 * secretariat (filters, CSV) and the cycle timeline with its per-person iCalendar feed (parsed
 * with ical.js; a replaced or revoked address answers 404), on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import type { CallDto } from '../../shared/schemas/meetings.ts';
import type { TimelineDto } from '../../shared/schemas/timeline.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { icalEvents } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const DEMO = DEMO_MEETING.id;
const ROLES = ['anonymous', 'observer', 'member', 'chair'] as const;
const EXPECTED = { anonymous: 401, observer: 403, member: 403, chair: 403 } as const;
const HOUR = 3_600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

for (const backend of BACKENDS) {
  describe(`calls, audit log and timeline (${backend})`, () => {
    const { server } = serverSuite({ backend, database: 'callsaudit' });
    const as: Record<string, Session | null> = { anonymous: null };

    beforeAll(async () => {
      as.observer = await login(server.baseUrl, 'tomas@example.org');
      as.member = await login(server.baseUrl, 'kwame@example.org');
      as.mei = await login(server.baseUrl, 'mei@example.org');
      as.chair = await login(server.baseUrl, 'chair@example.org');
      as.secretariat = await login(server.baseUrl, 'secretariat@example.org');
    });

    const call = <T = any>(who: string, method: string, path: string, body?: unknown) =>
      http<T>(server.baseUrl, method, path, {
        ...(as[who] ? { cookie: as[who]!.cookie } : {}),
        ...(body === undefined ? {} : { body }),
      });
    const newMeeting = (title: string) => createMeeting(server.baseUrl, { title, startsOn: '2025-03-10', endsOn: '2025-03-10' });
    const propose = (meetingId: string, kind: string, who = 'member') =>
      call(who, 'POST', `/api/meetings/${meetingId}/proposals`, { kind, title: `A ${kind} proposal`, summary: 'Summary' });

    describe('calls for proposals', () => {
      it('gives the demo the seed’s open call for PN and BPF proposals, which accepts them', async () => {
        expect((await call('anonymous', 'GET', `/api/meetings/${DEMO}/calls`)).status).toBe(401);
        const calls = await call<CallDto[]>('observer', 'GET', `/api/meetings/${DEMO}/calls`);
        expect(calls.status).toBe(200);
        expect(calls.body.map((c) => c.kind).sort()).toEqual(['BPF', 'PN']);
        expect(calls.body.every((c) => c.open && Date.parse(c.closesAt) > Date.now())).toBe(true);
        expect((await propose(DEMO, 'PN')).status).toBe(201);
        expect((await propose(DEMO, 'BPF')).status).toBe(201);
        // The demo runs no call for "other": those are taken at any time.
        expect((await propose(DEMO, 'other')).status).toBe(201);
      });

      it('opens calls for the secretariat only, checking the instants', async () => {
        const meetingId = await newMeeting('Calls meeting');
        const body = { kind: 'PN', opensAt: iso(-2 * HOUR), closesAt: iso(-HOUR) };
        for (const role of ROLES)
          expect((await call(role, 'POST', `/api/meetings/${meetingId}/calls`, body)).status, role).toBe(EXPECTED[role]);
        expect((await call<CallDto[]>('observer', 'GET', `/api/meetings/${meetingId}/calls`)).body).toEqual([]);
        for (const [bad, field] of [
          [{ ...body, closesAt: iso(-3 * HOUR) }, 'closesAt'],
          [{ ...body, opensAt: 'tomorrow' }, 'opensAt'],
          [{ ...body, closesAt: '2025-02-30T10:00:00Z' }, 'closesAt'],
          [{ ...body, kind: 'WG' }, 'kind'],
        ] as const) {
          const result = await call('secretariat', 'POST', `/api/meetings/${meetingId}/calls`, bad);
          expect(result.status, field).toBe(400);
          expect(result.body.error.message, field).toContain(field);
        }
        expect((await call('secretariat', 'POST', `/api/meetings/no-such-meeting/calls`, body)).status).toBe(404);
      });

      it('refuses a proposal outside an open call of its kind with 409 CALL_CLOSED, until the secretariat extends the call', async () => {
        const meetingId = await newMeeting('Closed call meeting');
        // No call yet: every kind is accepted.
        expect((await propose(meetingId, 'PN')).status).toBe(201);
        const closed = await call<CallDto>('secretariat', 'POST', `/api/meetings/${meetingId}/calls`, {
          kind: 'PN',
          opensAt: iso(-2 * HOUR),
          closesAt: iso(-HOUR),
        });
        expect(closed.status).toBe(201);
        expect(closed.body.open).toBe(false);
        const refused = await propose(meetingId, 'PN');
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('CALL_CLOSED');
        expect(refused.body.error.message).toMatch(/Policy Network proposals closed at/);
        // Other kinds have no call: still accepted.
        expect((await propose(meetingId, 'BPF')).status).toBe(201);
        const before = (await call<any[]>('observer', 'GET', `/api/meetings/${meetingId}/proposals?kind=PN`)).body.length;

        const future = await call<CallDto>('secretariat', 'POST', `/api/meetings/${meetingId}/calls`, {
          kind: 'BPF',
          opensAt: iso(HOUR),
          closesAt: iso(2 * HOUR),
        });
        const notYet = await propose(meetingId, 'BPF');
        expect(notYet.status).toBe(409);
        expect(notYet.body.error.message).toMatch(/not open yet/);
        expect(future.body.open).toBe(false);

        const extend = { closesAt: iso(24 * HOUR) };
        for (const role of ROLES)
          expect((await call(role, 'PATCH', `/api/calls/${closed.body.id}`, extend)).status, role).toBe(EXPECTED[role]);
        expect((await propose(meetingId, 'PN')).status).toBe(409);
        const bad = await call('secretariat', 'PATCH', `/api/calls/${closed.body.id}`, { closesAt: iso(-10 * HOUR) });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain('closesAt');
        const extended = await call<CallDto>('secretariat', 'PATCH', `/api/calls/${closed.body.id}`, extend);
        expect(extended.status).toBe(200);
        expect(extended.body.open).toBe(true);
        expect((await propose(meetingId, 'PN')).status).toBe(201);
        expect((await call<any[]>('observer', 'GET', `/api/meetings/${meetingId}/proposals?kind=PN`)).body.length).toBe(
          before + 1,
        );
        expect((await call('secretariat', 'PATCH', '/api/calls/no-such-call', extend)).status).toBe(404);
      });
    });

    describe('the audit log', () => {
      it('is for the secretariat only, as JSON and as CSV', async () => {
        for (const role of ROLES) {
          expect((await call(role, 'GET', '/api/audit-log')).status, role).toBe(EXPECTED[role]);
          expect((await call(role, 'GET', '/api/audit-log.csv')).status, role).toBe(EXPECTED[role]);
        }
      });

      it('filters by actor, action (or prefix) and period', async () => {
        const meetingId = await newMeeting('Audited meeting');
        const secretariatId = as.secretariat!.user.id;
        const created = await call<AuditEntryDto[]>('secretariat', 'GET', '/api/audit-log?action=meeting.create');
        expect(created.status).toBe(200);
        const entry = created.body.find((row) => row.subject === `meeting:${meetingId}`)!;
        expect(entry).toMatchObject({ actorId: secretariatId, actorName: 'Amina Haddad', action: 'meeting.create' });
        expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);
        expect(created.body.every((row) => row.action === 'meeting.create')).toBe(true);

        const prefix = await call<AuditEntryDto[]>('secretariat', 'GET', '/api/audit-log?action=meeting.');
        expect(prefix.body.length).toBeGreaterThanOrEqual(created.body.length);
        expect(prefix.body.every((row) => row.action.startsWith('meeting.'))).toBe(true);

        const byActor = await call<AuditEntryDto[]>('secretariat', 'GET', `/api/audit-log?actor=${as.chair!.user.id}`);
        expect(byActor.body.length).toBeGreaterThan(0);
        expect(byActor.body.every((row) => row.actorId === as.chair!.user.id)).toBe(true);

        const today = new Date().toISOString().slice(0, 10);
        const sinceToday = await call<AuditEntryDto[]>(
          'secretariat',
          'GET',
          `/api/audit-log?from=${today}&action=meeting.create`,
        );
        expect(sinceToday.body.map((row) => row.subject)).toContain(`meeting:${meetingId}`);
        expect((await call<AuditEntryDto[]>('secretariat', 'GET', '/api/audit-log?to=2000-01-01')).body).toEqual([]);
        expect((await call<AuditEntryDto[]>('secretariat', 'GET', '/api/audit-log?from=2999-01-01')).body).toEqual([]);
        const instant = new Date(Date.parse(entry.at) + 1).toISOString();
        const before = await call<AuditEntryDto[]>('secretariat', 'GET', `/api/audit-log?to=${instant}&action=meeting.create`);
        expect(before.body.map((row) => row.subject)).toContain(`meeting:${meetingId}`);
        expect(before.body.every((row) => row.at <= instant)).toBe(true);

        const bad = await call('secretariat', 'GET', '/api/audit-log?from=yesterday');
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain('from');
        // An instant on a day that does not exist: refused, not rolled over into March.
        for (const query of ['from=2025-02-30', 'from=2025-02-30T10:00:00Z', 'to=2025-04-31T23:00']) {
          const impossible = await call('secretariat', 'GET', `/api/audit-log?${query}`);
          expect(impossible.status, query).toBe(400);
          expect(impossible.body.error.details, query).toEqual({ field: query.slice(0, query.indexOf('=')) });
        }
        const reversed = await call('secretariat', 'GET', '/api/audit-log?from=2025-02-01&to=2025-01-01');
        expect(reversed.status).toBe(400);
        expect(reversed.body.error.message).toContain('to');
        const actions = await call<string[]>('secretariat', 'GET', '/api/audit-log/actions');
        expect(actions.body).toContain('meeting.create');
      });

      it('downloads the same entries as CSV', async () => {
        const query = 'action=meeting.create';
        const json = await call<AuditEntryDto[]>('secretariat', 'GET', `/api/audit-log?${query}`);
        const response = await fetch(`${server.baseUrl}/api/audit-log.csv?${query}`, {
          headers: { cookie: as.secretariat!.cookie },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="plenary-audit-log-/);
        const lines = (await response.text()).trimEnd().split('\r\n');
        expect(lines[0]).toBe('at,actorId,actorName,action,subject,detail');
        expect(lines.length - 1).toBe(json.body.length);
        expect(lines[1]).toContain(json.body[0]!.subject);
        expect(lines[1]!.startsWith(json.body[0]!.at)).toBe(true);
      });
    });

    describe('the cycle timeline', () => {
      it('lists meetings, call deadlines, polls and action due dates in date order, for people signed in', async () => {
        expect((await call('anonymous', 'GET', '/api/timeline')).status).toBe(401);
        const result = await call<TimelineDto>('observer', 'GET', '/api/timeline');
        expect(result.status).toBe(200);
        const kinds = new Set(result.body.items.map((item) => item.kind));
        expect(kinds).toEqual(new Set(['meeting', 'call', 'poll', 'action']));
        const starts = result.body.items.map((item) => item.start);
        expect(starts).toEqual([...starts].sort((a, b) => a.localeCompare(b)));
        expect(result.body.items.find((item) => item.key === `meeting:${SEED_MEETING.id}`)).toMatchObject({
          start: SEED_MEETING.startsOn,
          allDay: true,
          link: `/meetings/${SEED_MEETING.id}`,
        });
        expect(result.body.items.some((item) => item.kind === 'call' && item.meetingId === DEMO)).toBe(true);
        expect(result.body.workingGroups.length).toBeGreaterThan(0);
      });

      it('narrows to "mine" and to one working group', async () => {
        const due = { label: 'by 30 April', start: '2025-04-30', end: '2025-04-30' };
        const mine = await call('secretariat', 'POST', `/api/meetings/${DEMO}/actions`, {
          text: 'Kwame to draft the PN scoping note',
          owner: { kind: 'person', label: 'Kwame Asante', userId: as.member!.user.id },
          due,
        });
        expect(mine.status).toBe(201);
        const theirs = await call('secretariat', 'POST', `/api/meetings/${DEMO}/actions`, {
          text: 'Mei to review the BPF summary',
          owner: { kind: 'person', label: 'Mei Lin', userId: as.mei!.user.id },
          due,
        });
        const other = { kind: 'other', opensAt: iso(-HOUR), closesAt: iso(HOUR) };
        expect((await call('secretariat', 'POST', `/api/meetings/${DEMO}/calls`, other)).status).toBe(201);
        const kwame = await call<TimelineDto>('member', 'GET', '/api/timeline?mine=true');
        expect(kwame.body.items.find((item) => item.callKind === 'other')?.title).toBe('Call for Other proposals closes');
        const keys = kwame.body.items.map((item) => item.key);
        expect(keys).toContain(`action:${mine.body.id}`);
        expect(keys).not.toContain(`action:${theirs.body.id}`);
        expect(kwame.body.items.filter((item) => item.kind === 'action').every((item) => item.mine)).toBe(true);
        // The words a client says the title from, in the reader's language (the title itself is English).
        expect(kwame.body.items.find((item) => item.key === `action:${mine.body.id}`)).toMatchObject({
          title: 'Due (by 30 April): Kwame to draft the PN scoping note',
          subject: 'Kwame to draft the PN scoping note',
          dueLabel: 'by 30 April',
          callKind: null,
        });
        for (const item of kwame.body.items) {
          if (item.kind === 'call') {
            expect(item).toMatchObject({ subject: '', callKind: expect.stringMatching(/^(PN|BPF|other)$/) });
            // The same English words as the calendar feed's (one composer, server/src/timeline/timelineTitle.ts).
            expect(item.title).toMatch(/^Call for (Policy Network|Best Practice Forum|Other) proposals closes$/);
          } else expect(item.callKind).toBeNull();
          if (item.kind === 'meeting') expect(item.subject).toBe(item.title);
          if (item.kind === 'poll') expect([`Poll open: ${item.subject}`, `Poll closed: ${item.subject}`]).toContain(item.title);
        }
        expect(keys).toContain(`meeting:${DEMO}`);

        const group = kwame.body.workingGroups[0]!;
        const byGroup = await call<TimelineDto>('member', 'GET', `/api/timeline?workingGroup=${group.id}`);
        expect(byGroup.body.items.every((item) => item.workingGroupId === group.id || item.kind === 'meeting')).toBe(true);
        expect(byGroup.body.items.filter((item) => item.kind === 'meeting')).toHaveLength(1);
      });

      it('serves each person’s timeline as iCalendar at a secret address that a new one revokes', async () => {
        expect((await call('anonymous', 'POST', '/api/me/calendar-token')).status).toBe(401);
        const first = await call<{ url: string }>('member', 'POST', '/api/me/calendar-token');
        expect(first.status).toBe(200);
        expect(first.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
        // No cookie: the address is the credential.
        const feed = await fetch(first.body.url);
        expect(feed.status).toBe(200);
        expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
        const events = icalEvents(await feed.text());
        const seed = events.find((event) => event.uid === `meeting-${SEED_MEETING.id}@plenary`)!;
        expect(seed).toMatchObject({ summary: SEED_MEETING.title, allDay: true, start: SEED_MEETING.startsOn });
        // The meeting's title once, then its status.
        expect(seed.description?.split('\n')).toEqual([SEED_MEETING.title, expect.stringMatching(/^Status: /)]);
        expect(events.some((event) => event.uid.startsWith('call-'))).toBe(true);
        expect(events.some((event) => event.uid.startsWith('action-'))).toBe(true);
        const calls = (list: typeof events) => list.filter((event) => event.uid.startsWith('call-'));
        for (const event of calls(events)) {
          expect(event.summary).toMatch(/^Call for (Policy Network|Best Practice Forum|Other) proposals closes$/);
          expect(event.description).toMatch(/\nStatus: (open|not open yet|closed)$/);
        }

        // In the person's own language once they chose one: a calendar application asks in none.
        expect((await call('member', 'PUT', '/api/me', { language: 'fr' })).status).toBe(200);
        const french = icalEvents(await (await fetch(first.body.url)).text());
        expect(french.find((event) => event.uid === `meeting-${SEED_MEETING.id}@plenary`)!.summary).toBe(SEED_MEETING.title);
        for (const event of calls(french)) {
          expect(event.summary).toMatch(
            /^Clôture de l’appel à propositions \((Propositions de réseaux politiques|Propositions de forums sur les meilleures pratiques|Autres propositions)\)$/,
          );
          // The language's punctuation: French has a space before the colon (it said "État: ouvert").
          expect(event.description).toMatch(/\nÉtat : (ouvert|pas encore ouvert|clos)/);
        }
        const mineFr = french.find((event) => event.summary?.startsWith('Échéance (by 30 April) : Kwame to draft'));
        expect(mineFr).toBeDefined();
        expect((await call('member', 'PUT', '/api/me', { language: 'en' })).status).toBe(200);

        const second = await call<{ url: string }>('member', 'POST', '/api/me/calendar-token');
        expect(second.body.url).not.toBe(first.body.url);
        expect((await fetch(first.body.url)).status).toBe(404);
        expect((await fetch(second.body.url)).status).toBe(200);
        expect((await call('member', 'DELETE', '/api/me/calendar-token')).status).toBe(204);
        expect((await fetch(second.body.url)).status).toBe(404);
        expect((await fetch(`${server.baseUrl}/api/calendar/not-a-token.ics`)).status).toBe(404);
      });
    });
  });
}

/**
 * Working groups administered by the secretariat, on SQLite and on PostgreSQL: create, sub-groups,
 * rename and describe, named roles (co-facilitator, liaison) assigned by hand or by election, and
 * archiving. Every new route is tried as anonymous, observer, member, chair and secretariat: the
 * wrong roles get 401/403 and nothing changes (neither the groups nor the audit log); bad input
 * gets a 400 that names the field; every change shows in `live:{meetingId}`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { http, login, type Peer, type Session, waitFor } from '../helpers/clients.ts';
import { closePoll, liveGroup, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const meetingId = DEMO_MEETING.id;
const KEYS = ['secretariat', 'chair', 'kwame', 'mei', 'rahul', 'tomas'] as const;
type Key = (typeof KEYS)[number];

for (const backend of BACKENDS) {
  describe(`working groups administered by the secretariat (${backend})`, () => {
    const { server } = serverSuite({ backend, database: 'wgadmin' });
    let people: Record<Key, Session>;
    let watcher: Peer;
    let group: WorkingGroupDto;
    let sub: WorkingGroupDto;

    beforeAll(async () => {
      const sessions = await Promise.all(KEYS.map((key) => login(server.baseUrl, `${key}@example.org`)));
      people = Object.fromEntries(KEYS.map((key, index) => [key, sessions[index]!])) as Record<Key, Session>;
      watcher = await watchLive(server.baseUrl, server.wsUrl, people.tomas, meetingId);
    }, 60_000);

    afterAll(() => watcher?.destroy());

    const call = <T = any>(who: Key | null, method: string, path: string, body?: unknown) =>
      http<T>(server.baseUrl, method, path, {
        ...(who ? { cookie: people[who].cookie } : {}),
        ...(body === undefined ? {} : { body }),
      });
    const groups = async () => (await call<WorkingGroupDto[]>('tomas', 'GET', `/api/meetings/${meetingId}/working-groups`)).body;
    const groupNamed = async (name: string) => (await groups()).find((entry) => entry.name === name);
    const auditCount = async () => (await server.app.store.audit.list({})).length;

    /** Anonymous gets 401; observer, member and chair get 403; and neither the groups nor the audit log change. */
    const refusedToAllButSecretariat = async (method: string, path: string, body?: unknown) => {
      const before = { groups: await groups(), audit: await auditCount() };
      expect((await call(null, method, path, body)).status).toBe(401);
      for (const who of ['tomas', 'kwame', 'chair'] as const) {
        const response = await call(who, method, path, body);
        expect(response.status, `${who} ${method} ${path}`).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      expect(await groups()).toEqual(before.groups);
      expect(await auditCount()).toBe(before.audit);
    };

    /** A 400 whose message names `field`. */
    const badField = async (response: Promise<{ status: number; body: any }>, field: string) => {
      const { status, body } = await response;
      expect(status).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.message).toContain(field);
    };

    it('lists the demo groups with the new fields: no parent, not archived, their co-facilitators as roles', async () => {
      const list = await groups();
      expect(list.length).toBe(5);
      for (const entry of list) {
        expect(entry).toMatchObject({ parentId: null, archived: false });
        expect(entry.roles.map((role) => role.id)).toEqual(entry.coFacilitators.map((person) => person.id));
        expect(entry.roles.every((role) => role.role === 'co-facilitator')).toBe(true);
      }
    });

    it('creates a group and a sub-group (secretariat only), seen live', async () => {
      const path = `/api/meetings/${meetingId}/working-groups`;
      const body = { name: 'Working Group on Data Governance', description: 'Data flows and trust.' };
      await refusedToAllButSecretariat('POST', path, body);
      await badField(call('secretariat', 'POST', path, {}), 'name');
      await badField(call('secretariat', 'POST', path, { name: '' }), 'name');
      await badField(call('secretariat', 'POST', path, { name: '   ' }), 'name');
      await badField(call('secretariat', 'POST', path, { name: '\u200b\u00a0\u3000\u200d' }), 'name');
      await badField(call('secretariat', 'POST', path, { name: 'x'.repeat(201) }), 'name');
      await badField(call('secretariat', 'POST', path, { name: 'Ok', description: 'x'.repeat(2001) }), 'description');
      await badField(call('secretariat', 'POST', path, { name: 'Ok', parentId: 'no-such-group' }), 'parentId');
      expect((await call('secretariat', 'POST', '/api/meetings/no-such-meeting/working-groups', body)).status).toBe(404);

      const created = await call<WorkingGroupDto>('secretariat', 'POST', path, body);
      expect(created.status).toBe(201);
      group = created.body;
      expect(group).toMatchObject({ ...body, meetingId, parentId: null, archived: false, members: [], roles: [] });
      const duplicate = await call('secretariat', 'POST', path, { name: 'working group on data governance' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.code).toBe('DUPLICATE');

      const subCreated = await call<WorkingGroupDto>('secretariat', 'POST', path, {
        name: 'Sub-group on Data Localisation',
        parentId: group.id,
      });
      expect(subCreated.status).toBe(201);
      sub = subCreated.body;
      expect(sub).toMatchObject({ parentId: group.id, description: '', archived: false });
      // One level of sub-groups.
      await badField(call('secretariat', 'POST', path, { name: 'Deeper', parentId: sub.id }), 'parentId');

      expect((await groups()).map((entry) => entry.name)).toEqual(expect.arrayContaining([group.name, sub.name]));
      await waitFor(() => liveGroup(watcher, sub.id)?.parentId === group.id, { message: 'sub-group seen live' });
      expect(liveGroup(watcher, group.id)).toEqual(group);
      const actions = (await server.app.store.audit.list({ subject: `workingGroup:${sub.id}` })).map((entry) => entry.action);
      expect(actions).toEqual(['workingGroup.created']);
    });

    it('lets members join the sub-group on its own', async () => {
      const joined = await call<WorkingGroupDto>('mei', 'PUT', `/api/working-groups/${sub.id}/members/me`);
      expect(joined.status).toBe(200);
      expect(joined.body.members.map((person) => person.name)).toEqual(['Mei Lin']);
      expect((await groupNamed(group.name))!.members).toEqual([]);
    });

    it('renames and describes a group (secretariat only)', async () => {
      const path = `/api/working-groups/${group.id}`;
      await refusedToAllButSecretariat('PATCH', path, { name: 'Renamed' });
      await badField(call('secretariat', 'PATCH', path, {}), 'body');
      await badField(call('secretariat', 'PATCH', path, { name: ' ' }), 'name');
      expect((await call('secretariat', 'PATCH', '/api/working-groups/nope', { name: 'X' })).status).toBe(404);
      const taken = await call('secretariat', 'PATCH', path, { name: 'Working Group on Language' });
      expect(taken.status).toBe(409);

      const renamed = await call<WorkingGroupDto>('secretariat', 'PATCH', path, {
        name: 'Working Group on Data Governance and Trust',
        description: '  Cross-border data flows.  ',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        name: 'Working Group on Data Governance and Trust',
        description: 'Cross-border data flows.',
      });
      group = renamed.body;
      await waitFor(() => liveGroup(watcher, group.id)?.name === group.name, { message: 'rename seen live' });
    });

    it('gives named roles to members (secretariat only): a liaison with a title, a co-facilitator', async () => {
      for (const key of ['kwame', 'rahul'] as const) {
        expect((await call(key, 'PUT', `/api/working-groups/${group.id}/members/me`)).status).toBe(200);
      }
      const kwame = people.kwame.user.id;
      const path = `/api/working-groups/${group.id}/roles/${kwame}`;
      const liaison = { role: 'liaison', title: 'DC-MAG liaison' };
      await refusedToAllButSecretariat('PUT', path, liaison);
      await badField(call('secretariat', 'PUT', path, {}), 'role');
      await badField(call('secretariat', 'PUT', path, { role: 'boss' }), 'role');
      await badField(call('secretariat', 'PUT', path, { role: 'co-facilitator', title: 'Chief' }), 'title');
      await badField(call('secretariat', 'PUT', path, { role: 'liaison', title: 'x'.repeat(101) }), 'title');
      // Mei is not a member of the group.
      await badField(
        call('secretariat', 'PUT', `/api/working-groups/${group.id}/roles/${people.mei.user.id}`, liaison),
        'userId',
      );

      const assigned = await call<WorkingGroupDto>('secretariat', 'PUT', path, liaison);
      expect(assigned.status).toBe(200);
      expect(assigned.body.roles).toEqual([expect.objectContaining({ id: kwame, role: 'liaison', title: 'DC-MAG liaison' })]);
      expect(assigned.body.coFacilitators).toEqual([]);
      const rahul = people.rahul.user.id;
      const facilitator = await call<WorkingGroupDto>('secretariat', 'PUT', `/api/working-groups/${group.id}/roles/${rahul}`, {
        role: 'co-facilitator',
      });
      expect(facilitator.body.coFacilitators.map((person) => person.id)).toEqual([rahul]);
      expect(facilitator.body.roles.map((role) => [role.id, role.role])).toEqual([
        [rahul, 'co-facilitator'],
        [kwame, 'liaison'],
      ]);
      await waitFor(() => liveGroup(watcher, group.id)?.roles.length === 2, { message: 'roles seen live' });

      await refusedToAllButSecretariat('DELETE', `${path}?role=liaison`);
      await badField(call('secretariat', 'DELETE', `${path}?role=boss`), 'role');
      const removed = await call<WorkingGroupDto>('secretariat', 'DELETE', `${path}?role=liaison`);
      expect(removed.status).toBe(200);
      expect(removed.body.roles.map((role) => role.id)).toEqual([rahul]);
      expect((await call('secretariat', 'DELETE', `${path}?role=liaison`)).status).toBe(404);
      const actions = (await server.app.store.audit.list({ subject: `workingGroup:${group.id}` })).map((entry) => entry.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'workingGroup.liaisonAssigned',
          'workingGroup.coFacilitatorAppointed',
          'workingGroup.roleRemoved',
        ]),
      );
    });

    it('gives one person several liaison titles, each listed and removed alone, never one in place of another', async () => {
      const kwame = people.kwame.user.id;
      const path = `/api/working-groups/${group.id}/roles/${kwame}`;
      const titlesOf = (dto: WorkingGroupDto) =>
        dto.roles.filter((role) => role.id === kwame && role.role === 'liaison').map((role) => role.title);
      expect((await call('secretariat', 'PUT', path, { role: 'liaison', title: 'DC-MAG liaison' })).status).toBe(200);
      const second = await call<WorkingGroupDto>('secretariat', 'PUT', path, { role: 'liaison', title: 'Youth IGF liaison' });
      expect(second.status).toBe(200);
      expect(titlesOf(second.body)).toEqual(['DC-MAG liaison', 'Youth IGF liaison']);
      await waitFor(() => liveGroup(watcher, group.id)?.roles.filter((role) => role.id === kwame).length === 2, {
        message: 'both titles seen live',
      });
      // A title held already, in any case, is held once: the same again changes nothing, other case rewrites it.
      const audit = await auditCount();
      expect(
        titlesOf((await call<WorkingGroupDto>('secretariat', 'PUT', path, { role: 'liaison', title: 'DC-MAG liaison' })).body),
      ).toEqual(['DC-MAG liaison', 'Youth IGF liaison']);
      expect(await auditCount()).toBe(audit);
      expect(
        titlesOf((await call<WorkingGroupDto>('secretariat', 'PUT', path, { role: 'liaison', title: 'DC-MAG Liaison' })).body),
      ).toEqual(['DC-MAG Liaison', 'Youth IGF liaison']);

      // One title is removed by name (case aside); the other stays.
      await refusedToAllButSecretariat('DELETE', `${path}?role=liaison&title=Youth%20IGF%20liaison`);
      await badField(call('secretariat', 'DELETE', `${path}?role=co-facilitator&title=Youth%20IGF%20liaison`), 'title');
      const removed = await call<WorkingGroupDto>('secretariat', 'DELETE', `${path}?title=youth%20igf%20LIAISON`);
      expect(removed.status).toBe(200);
      expect(titlesOf(removed.body)).toEqual(['DC-MAG Liaison']);
      expect(removed.body.coFacilitators.map((person) => person.id)).toEqual([people.rahul.user.id]);
      expect((await call('secretariat', 'DELETE', `${path}?role=liaison&title=Youth%20IGF%20liaison`)).status).toBe(404);
      const entries = await server.app.store.audit.list({ subject: `workingGroup:${group.id}` });
      const removal = entries.find(
        (entry) =>
          entry.action === 'workingGroup.roleRemoved' &&
          (entry.detail.titles as string[] | undefined)?.includes('Youth IGF liaison'),
      );
      expect(removal?.detail).toEqual({ userId: kwame, roles: ['liaison'], titles: ['Youth IGF liaison'] });
      // Without a title, every liaison title goes.
      expect((await call('secretariat', 'PUT', path, { role: 'liaison', title: 'NRI liaison' })).status).toBe(200);
      const cleared = await call<WorkingGroupDto>('secretariat', 'DELETE', `${path}?role=liaison`);
      expect(titlesOf(cleared.body)).toEqual([]);
    });

    it('elects a liaison as it elects a co-facilitator, and records the winner with the title; while it is open, only that title waits', async () => {
      for (const key of ['kwame', 'rahul'] as const) {
        const nominated = await call(key, 'POST', `/api/working-groups/${group.id}/nominations`, { userId: people[key].user.id });
        expect(nominated.status).toBe(201);
      }
      const created = await call<PollDto>('secretariat', 'POST', `/api/working-groups/${group.id}/elections`, {
        kind: 'single',
        audience: 'group',
        secret: false,
        role: 'liaison',
        title: 'DC-MAG liaison',
      });
      expect(created.status).toBe(201);
      const poll = created.body;
      expect(poll.question).toBe(`DC-MAG liaison: ${group.name}`);
      // Kwame, a candidate, is liaison to another body already: winning adds the title beside it.
      const nri = await call('secretariat', 'PUT', `/api/working-groups/${group.id}/roles/${people.kwame.user.id}`, {
        role: 'liaison',
        title: 'NRI liaison',
      });
      expect(nri.status).toBe(200);
      await openPoll(server.baseUrl, people.secretariat, poll.id);
      // While it is open, the role it fills (that title, case aside) waits for the vote; any other role does not.
      const roles = `/api/working-groups/${group.id}/roles`;
      const before = { audit: await auditCount(), group: await groupNamed(group.name) };
      const sameTitle = await call('secretariat', 'PUT', `${roles}/${people.rahul.user.id}`, {
        role: 'liaison',
        title: 'dc-mag LIAISON',
      });
      expect(sameTitle.status).toBe(409);
      expect(sameTitle.body.error.code).toBe('ELECTION_OPEN');
      expect(sameTitle.body.error.message).toContain('for the role of dc-mag LIAISON');
      // What the open election holds back, for the client to say in the reader's language.
      expect(sameTitle.body.error.details).toEqual({ held: 'role', group: group.name, role: 'liaison', title: 'dc-mag LIAISON' });
      expect(await auditCount()).toBe(before.audit);
      expect(await groupNamed(group.name)).toEqual(before.group);
      const otherTitle = await call<WorkingGroupDto>('secretariat', 'PUT', `${roles}/${people.rahul.user.id}`, {
        role: 'liaison',
        title: 'Youth IGF liaison',
      });
      expect(otherTitle.status).toBe(200);
      const appointed = await call<WorkingGroupDto>(
        'chair',
        'PUT',
        `/api/working-groups/${group.id}/co-facilitators/${people.kwame.user.id}`,
      );
      expect(appointed.status).toBe(200);
      expect(appointed.body.coFacilitators.map((person) => person.id)).toEqual([people.rahul.user.id, people.kwame.user.id]);
      const kwameOption = poll.options.find((option) => option.userId === people.kwame.user.id)!.id;
      for (const key of ['kwame', 'rahul'] as const)
        expect((await vote(server.baseUrl, people[key], poll.id, [kwameOption])).status).toBe(200);
      await closePoll(server.baseUrl, people.secretariat, poll.id);
      const after = (await groupNamed(group.name))!;
      expect(after.roles).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: people.kwame.user.id, role: 'liaison', title: 'DC-MAG liaison', pollId: poll.id }),
        ]),
      );
      expect(after.roles).toContainEqual(
        expect.objectContaining({ id: people.rahul.user.id, role: 'liaison', title: 'Youth IGF liaison' }),
      );
      expect(
        after.roles.filter((role) => role.id === people.kwame.user.id && role.role === 'liaison').map((role) => role.title),
      ).toEqual(['NRI liaison', 'DC-MAG liaison']);
      // The liaison election made no co-facilitator: Kwame's is the appointment made while it was open.
      expect(after.coFacilitators.map((person) => [person.id, person.pollId])).toEqual([
        [people.rahul.user.id, undefined],
        [people.kwame.user.id, undefined],
      ]);
    });

    it('archives a group with its sub-groups (secretariat only): listed as archived, nobody joins, nothing changes', async () => {
      const path = `/api/working-groups/${group.id}/archive`;
      await refusedToAllButSecretariat('POST', path);
      expect((await call('secretariat', 'POST', '/api/working-groups/nope/archive')).status).toBe(404);
      const archived = await call<WorkingGroupDto>('secretariat', 'POST', path);
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ archived: true, archivedAt: expect.any(Number) });
      expect((await groupNamed(sub.name))!.archived).toBe(true);
      await waitFor(() => liveGroup(watcher, sub.id)?.archived === true, { message: 'archived sub-group seen live' });

      const before = await groups();
      for (const [who, method, target, body] of [
        ['secretariat', 'POST', path, undefined],
        ['chair', 'PUT', `/api/working-groups/${sub.id}/members/me`, undefined],
        ['secretariat', 'PATCH', `/api/working-groups/${group.id}`, { name: 'Again' }],
        ['secretariat', 'PUT', `/api/working-groups/${group.id}/roles/${people.kwame.user.id}`, { role: 'co-facilitator' }],
        ['secretariat', 'POST', `/api/meetings/${meetingId}/working-groups`, { name: 'Under archived', parentId: group.id }],
        ['mei', 'POST', `/api/working-groups/${sub.id}/nominations`, { userId: people.mei.user.id }],
      ] as const) {
        const response = await call(who, method, target, body);
        expect(response.status, `${who} ${method} ${target}`).toBe(409);
        expect(response.body.error.code).toBe('WORKING_GROUP_ARCHIVED');
      }
      expect(await groups()).toEqual(before);
      // A member may still leave an archived group.
      const left = await call<WorkingGroupDto>('mei', 'DELETE', `/api/working-groups/${sub.id}/members/me`);
      expect(left.status).toBe(200);
      expect(left.body.members).toEqual([]);
    });

    it('documents every new route in OpenAPI', async () => {
      const spec = (await http<{ paths: Record<string, Record<string, unknown>> }>(server.baseUrl, 'GET', '/api/openapi.json'))
        .body;
      expect(Object.keys(spec.paths['/api/meetings/{meetingId}/working-groups']!)).toEqual(
        expect.arrayContaining(['get', 'post']),
      );
      expect(spec.paths['/api/working-groups/{id}']).toHaveProperty('patch');
      expect(spec.paths['/api/working-groups/{id}/archive']).toHaveProperty('post');
      expect(Object.keys(spec.paths['/api/working-groups/{id}/roles/{userId}']!)).toEqual(
        expect.arrayContaining(['put', 'delete']),
      );
    });
  });
}

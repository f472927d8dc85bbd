/**
 * An election's ballot and the group around it, on SQLite and on PostgreSQL: a draft election's
 * candidates are the open nominations as they stand when it opens (a draft with no more of them
 * than seats is not opened); while it is open, nobody is appointed co-facilitator, by either
 * route, and a candidate does not leave it (409 ELECTION_OPEN), changing nothing, but a liaison is
 * named (the vote elects co-facilitators), a candidate too. Once it has closed, both work again.
 * The audit entry of the opening holds the ballot it opened with.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { closePoll, vote } from '../helpers/pollClients.ts';
import { workingGroupSuite } from '../helpers/workingGroupSuite.ts';

describe.each(['sqlite', 'postgres'] as const)('a working group’s election ballot (%s)', (backend) => {
  const suite = workingGroupSuite(backend, 'wgelectionballot');
  const { call, youth, idOf, auditLength } = suite;
  let pollId: string;
  const candidates = (poll: PollDto) => poll.options.map((option) => option.userId).sort();

  it('takes the ballot from the nominations as they stand when the draft opens, and refuses to open with too few', async () => {
    const base = `/api/working-groups/${(await youth()).id}`;
    // The demo's nominees: Sofía (by herself) and Mei (by Kwame).
    const created = await call<PollDto>('chair', 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
      secret: false,
    });
    expect(created.status).toBe(201);
    pollId = created.body.id;

    // While it is a draft, Sofía withdraws: one nominee is left for one seat.
    expect((await call('sofia', 'DELETE', `${base}/nominations/${idOf('sofia')}`)).status).toBe(200);
    const before = await auditLength();
    const refused = await call('chair', 'POST', `/api/polls/${pollId}/open`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TOO_FEW_CANDIDATES');
    expect(refused.body.error.message).toContain('Working Group on Youth Engagement has 1 open nominations for 1 seats');
    expect((await call<PollDto>('kwame', 'GET', `/api/polls/${pollId}`)).body.status).toBe('draft');
    expect(await auditLength()).toBe(before);

    // Kwame and Rahul stand while it is a draft: the ballot is who is nominated when it opens.
    expect((await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('kwame') })).status).toBe(201);
    expect((await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('rahul') })).status).toBe(201);
    const opened = await call<PollDto>('chair', 'POST', `/api/polls/${pollId}/open`);
    expect(opened.status).toBe(200);
    const expected = [idOf('kwame'), idOf('mei'), idOf('rahul')].sort();
    expect(candidates(opened.body)).toEqual(expected);
    expect(candidates((await call<PollDto>('sofia', 'GET', `/api/polls/${pollId}`)).body)).toEqual(expected);
    const nominated = (await youth()).nominations.map((nomination) => nomination.nominee.id).sort();
    expect(nominated).toEqual(expected);

    // The audit log holds the ballot as it opened (not the draft's): each candidate's option, person and name.
    const log = await call<AuditEntryDto[]>('secretariat', 'GET', '/api/audit-log?action=poll.opened');
    const entry = log.body.find((row) => row.subject === `poll:${pollId}`)!;
    expect(entry.detail.candidates).toEqual(
      opened.body.options.map((option) => ({ optionId: option.id, userId: option.userId, name: option.label })),
    );
    for (const option of opened.body.options) expect(entry.names[option.userId!]).toBe(option.label);
  });

  it('refuses to appoint a co-facilitator while the co-facilitator election is open, changing nothing', async () => {
    const group = await youth();
    const base = `/api/working-groups/${group.id}`;
    const before = await auditLength();
    const refusals = [
      await call('chair', 'PUT', `${base}/co-facilitators/${idOf('mei')}`),
      await call('secretariat', 'PUT', `${base}/co-facilitators/${idOf('rahul')}`),
      await call('secretariat', 'PUT', `${base}/roles/${idOf('mei')}`, { role: 'co-facilitator' }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect(refusal.body.error.code).toBe('ELECTION_OPEN');
      expect(refusal.body.error.message).toContain(
        'An election is open in Working Group on Youth Engagement for the role of co-facilitator',
      );
      expect(refusal.body.error.details).toEqual({
        held: 'role',
        group: 'Working Group on Youth Engagement',
        role: 'co-facilitator',
      });
    }
    expect(await youth()).toEqual(group);
    expect(await auditLength()).toBe(before);
  });

  it('names a liaison while the co-facilitator election is open, a candidate of it included', async () => {
    const group = await youth();
    const base = `/api/working-groups/${group.id}`;
    // Kwame is on the ballot for co-facilitator: the liaison is not the seat the vote decides.
    const named = await call<WorkingGroupDto>('secretariat', 'PUT', `${base}/roles/${idOf('kwame')}`, {
      role: 'liaison',
      title: 'DC-MAG liaison',
    });
    expect(named.status).toBe(200);
    expect(named.body.roles).toContainEqual(
      expect.objectContaining({ id: idOf('kwame'), role: 'liaison', title: 'DC-MAG liaison' }),
    );
    const assigned = await suite.server.app.store.audit.list({ subject: `workingGroup:${group.id}` });
    expect(assigned.at(-1)).toMatchObject({ action: 'workingGroup.liaisonAssigned', detail: { userId: idOf('kwame') } });
    // The ballot and the nominations are as they were.
    expect(candidates((await call<PollDto>('kwame', 'GET', `/api/polls/${pollId}`)).body)).toEqual(
      [idOf('kwame'), idOf('mei'), idOf('rahul')].sort(),
    );
    expect((await youth()).nominations).toEqual(group.nominations);
    // Still no co-facilitator by decree.
    expect((await call('secretariat', 'PUT', `${base}/roles/${idOf('kwame')}`, { role: 'co-facilitator' })).status).toBe(409);
  });

  it('refuses a candidate leaving while the election is open, changing nothing; others leave, and candidates once it has closed', async () => {
    const group = await youth();
    const base = `/api/working-groups/${group.id}`;
    const before = await auditLength();
    const refused = await call('mei', 'DELETE', `${base}/members/me`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ELECTION_OPEN');
    expect(refused.body.error.message).toContain('You are a candidate in the open election of Working Group on Youth Engagement');
    expect(refused.body.error.details).toEqual({ held: 'candidate', group: 'Working Group on Youth Engagement' });
    expect(await youth()).toEqual(group);
    expect(await auditLength()).toBe(before);

    // Sofía withdrew before it opened: she is not on the ballot, and leaves.
    expect((await call('sofia', 'DELETE', `${base}/members/me`)).status).toBe(200);

    const poll = (await call<PollDto>('kwame', 'GET', `/api/polls/${pollId}`)).body;
    const kwame = poll.options.find((option) => option.userId === idOf('kwame'))!.id;
    for (const key of ['kwame', 'mei', 'rahul'] as const)
      expect((await vote(suite.server.baseUrl, suite.people[key], pollId, [kwame])).status).toBe(200);
    await closePoll(suite.server.baseUrl, suite.people.chair, pollId);
    expect((await youth()).coFacilitators.map((person) => person.id)).toEqual([idOf('kwame')]);
    expect((await call('mei', 'DELETE', `${base}/members/me`)).status).toBe(200);
    expect((await call('chair', 'PUT', `${base}/co-facilitators/${idOf('rahul')}`)).status).toBe(200);
  });
});

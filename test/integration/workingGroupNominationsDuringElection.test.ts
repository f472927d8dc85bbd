/**
 * An open election's ballot is fixed: on SQLite and on PostgreSQL, while an election of a working
 * group is open, nobody is nominated in that group and no nomination is withdrawn (409
 * ELECTION_OPEN), and neither the group, its ballot nor the audit log changes. Once the election
 * has closed, nominations are made and withdrawn again.
 */
import { describe, expect, it } from 'vitest';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { closePoll, openPoll, vote } from '../helpers/pollClients.ts';
import { workingGroupSuite } from '../helpers/workingGroupSuite.ts';

describe.each(['sqlite', 'postgres'] as const)('nominations while a working group’s election is open (%s)', (backend) => {
  const suite = workingGroupSuite(backend, 'wgelectionopen');
  const { call, youth, idOf, auditLength } = suite;

  it('refuses to nominate or withdraw while the election is open, changing nothing, and allows both once it has closed', async () => {
    const group = await youth();
    const base = `/api/working-groups/${group.id}`;
    // The demo's nominees: Sofía (by herself) and Mei (by Kwame).
    const created = await call<PollDto>('chair', 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
      secret: false,
    });
    expect(created.status).toBe(201);
    const poll = await openPoll(suite.server.baseUrl, suite.people.chair, created.body.id);
    const candidates = poll.options.map((option) => option.userId).sort();
    expect(candidates).toEqual([idOf('mei'), idOf('sofia')].sort());

    const before = { group: await youth(), audit: await auditLength() };
    const refusals = [
      await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('kwame') }),
      await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('rahul') }),
      // Kwame nominated Mei; Sofía nominated herself; the chair may withdraw anyone's.
      await call('kwame', 'DELETE', `${base}/nominations/${idOf('mei')}`),
      await call('sofia', 'DELETE', `${base}/nominations/${idOf('sofia')}`),
      await call('chair', 'DELETE', `${base}/nominations/${idOf('mei')}`),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect(refusal.body.error.code).toBe('ELECTION_OPEN');
      expect(refusal.body.error.message).toContain('An election is open in Working Group on Youth Engagement');
      expect(refusal.body.error.details).toEqual({ held: 'nominations', group: 'Working Group on Youth Engagement' });
    }
    expect(await youth()).toEqual(before.group);
    expect(await auditLength()).toBe(before.audit);
    const ballot = (await call<PollDto>('kwame', 'GET', `/api/polls/${poll.id}`)).body;
    expect(ballot.options.map((option) => option.userId).sort()).toEqual(candidates);

    // Closed (Mei elected), the ballot is no longer in play: Kwame stands, and withdraws again.
    const mei = poll.options.find((option) => option.userId === idOf('mei'))!.id;
    for (const key of ['kwame', 'mei', 'rahul'] as const)
      expect((await vote(suite.server.baseUrl, suite.people[key], poll.id, [mei])).status).toBe(200);
    await closePoll(suite.server.baseUrl, suite.people.chair, poll.id);
    expect((await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('kwame') })).status).toBe(201);
    expect((await call('kwame', 'DELETE', `${base}/nominations/${idOf('kwame')}`)).status).toBe(200);
  });
});

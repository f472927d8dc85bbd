/**
 * An election created through the API without a `question`: the server says the ballot's question
 * in the language of the person who creates it (as the board's form does, and as a question they
 * typed would be), on SQLite and on PostgreSQL. It was English whatever the language ("Co-facilitator:
 * …"), and reached the pack, the audit log and the timeline so.
 */
import { describe, expect, it } from 'vitest';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { http } from '../helpers/clients.ts';
import { workingGroupSuite } from '../helpers/workingGroupSuite.ts';

describe.each(['sqlite', 'postgres'] as const)('an election’s default question (%s)', (backend) => {
  const suite = workingGroupSuite(backend, 'wgelectionquestion');

  it('is said in the language of the person who creates the election', async () => {
    const group = await suite.youth();
    const create = (language: string) =>
      http<PollDto>(suite.server.baseUrl, 'POST', `/api/working-groups/${group.id}/elections`, {
        cookie: suite.people.chair.cookie,
        headers: { 'accept-language': language },
        body: { kind: 'single', audience: 'group' },
      });
    const french = await create('fr-FR,fr;q=0.9');
    expect(french.status).toBe(201);
    expect(french.body.question).toBe(`Cofacilitateur : ${group.name}`);
    const arabic = await create('ar');
    expect(arabic.status).toBe(201);
    expect(arabic.body.question).toBe(`ميسر مشارك: ${group.name}`);
    const english = await create('en-GB');
    expect(english.body.question).toBe(`Co-facilitator: ${group.name}`);
  });
});

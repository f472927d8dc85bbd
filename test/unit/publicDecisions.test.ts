/** The agenda version a public decision links to: the latest named version saved at or before it. */
import { describe, expect, it } from 'vitest';
import { decisionsOf, versionAt } from '../../server/src/public/decisions.ts';
import type { PublicPoll } from '../../server/src/public/publicService.ts';
import type { VersionDto } from '../../shared/schemas/meetingRecord.ts';

const version = (id: string, createdAt: number, kind: VersionDto['kind'] = 'named', seq = createdAt): VersionDto => ({
  id,
  meetingId: 'm',
  name: id,
  kind,
  seq,
  createdBy: null,
  createdAt,
});

const versions = [version('v3', 300), version('auto', 250, 'auto'), version('v1', 100), version('v2', 200)];

describe('versionAt', () => {
  it('takes the latest named version at or before the moment, whatever the list order', () => {
    expect(versionAt(versions, 99)).toBeUndefined();
    expect(versionAt(versions, 100)?.id).toBe('v1');
    expect(versionAt(versions, 260)?.id).toBe('v2');
    expect(versionAt([...versions].reverse(), 1_000)?.id).toBe('v3');
  });

  it('prefers the later log position when two named versions share a millisecond', () => {
    expect(versionAt([version('a', 500, 'named', 7), version('b', 500, 'named', 9)], 500)?.id).toBe('b');
  });
});

describe('decisionsOf', () => {
  it('leaves out a proposal’s submission, links each decision to its version, oldest first', () => {
    const poll = {
      poll: { id: 'p1', question: 'Adopt?', closedAt: 210, createdAt: 50 },
      results: { ballots: 4 },
    } as unknown as PublicPoll;
    const changes = [
      { proposalId: 'x', title: 'X', status: 'submitted' as const, at: 90 },
      { proposalId: 'x', title: 'X', status: 'selected' as const, at: 150 },
      { proposalId: 'y', title: 'Y', status: 'submitted' as const, at: 160 },
    ];
    const decisions = decisionsOf([poll], changes, versions);
    expect(
      decisions.map((decision) => [decision.kind, decision.subjectId, decision.status ?? decision.ballots, decision.version?.id]),
    ).toEqual([
      ['status', 'x', 'selected', 'v1'],
      ['poll', 'p1', 4, 'v2'],
    ]);
  });
});

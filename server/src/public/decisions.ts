/**
 * The decisions of a public meeting (closed polls and changes of a proposal's status) and the
 * named version of the agenda each was taken on. Neither a poll nor a status change records a
 * version, so the version is the latest named one saved at or before the decision: what stood on
 * the record when it was taken.
 */
import type { ProposalStatus } from '../../../shared/constants/proposals.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import type { StatusChange } from './publicStore.ts';

/** What a decision needs of a closed poll (a PublicPoll of publicService.ts). */
interface ClosedPoll {
  poll: { id: string; question: string; closedAt: number | null; createdAt: number };
  results: { ballots: number };
}

export interface Decision {
  kind: 'poll' | 'status';
  /** The poll's id, or the proposal's. */
  subjectId: string;
  title: string;
  /** The outcome, said by each page in its language: the status reached, or the poll's number of ballots. */
  status?: ProposalStatus;
  ballots?: number;
  at: number;
  version: VersionDto | undefined;
}

/** The latest named version saved at or before `at` (in any order of `versions`); none before the first was saved. */
export function versionAt(versions: readonly VersionDto[], at: number): VersionDto | undefined {
  let best: VersionDto | undefined;
  for (const version of versions) {
    if (version.kind !== 'named' || version.createdAt > at) continue;
    if (!best || version.createdAt > best.createdAt || (version.createdAt === best.createdAt && version.seq > best.seq))
      best = version;
  }
  return best;
}

/**
 * Every decision, oldest first. A proposal's first status row is its submission, not a decision,
 * so it is left out.
 */
export function decisionsOf(polls: readonly ClosedPoll[], changes: readonly StatusChange[], versions: readonly VersionDto[]) {
  const seen = new Set<string>();
  const decisions: Decision[] = [];
  for (const change of changes) {
    const first = !seen.has(change.proposalId);
    seen.add(change.proposalId);
    if (first) continue;
    decisions.push({
      kind: 'status',
      subjectId: change.proposalId,
      title: change.title,
      status: change.status,
      at: change.at,
      version: versionAt(versions, change.at),
    });
  }
  for (const { poll, results } of polls) {
    const at = poll.closedAt ?? poll.createdAt;
    decisions.push({
      kind: 'poll',
      subjectId: poll.id,
      title: poll.question,
      ballots: results.ballots,
      at,
      version: versionAt(versions, at),
    });
  }
  return decisions.sort((a, b) => a.at - b.at || a.subjectId.localeCompare(b.subjectId));
}

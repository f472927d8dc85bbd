/**
 * The one read of a meeting's decisions: its closed polls with their counts, the changes of its
 * proposals' statuses and the named versions they were taken on. The public page, its feed and the
 * meeting pack all show the record from this read, so a decision on one is a decision on the others.
 * No visibility check here: the callers decide who may read the meeting (the public pages only a
 * public meeting, the pack anyone signed in, as the Polls tab shows every closed poll's results).
 */
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import type { PollResults } from '../../../shared/schemas/polls.ts';
import { VersionStore } from '../meetingRecord/versions/versionStore.ts';
import { resultsOf } from '../polls/pollResults.ts';
import { type Poll, PollStore } from '../polls/pollStore.ts';
import type { Db } from '../storage/db.ts';
import { type Decision, decisionsOf } from './decisions.ts';
import { PublicStore, type StatusChange } from './publicStore.ts';

/** A closed poll and its results: totals only, never a ballot (a secret poll's voters are never read). */
export interface PublicPoll {
  poll: Poll;
  results: PollResults;
}

export interface MeetingDecisions {
  /** Closed polls only: a draft or open poll is not part of the record. */
  polls: PublicPoll[];
  statusChanges: StatusChange[];
  /** The named versions of the agenda. */
  versions: VersionDto[];
  /** Closed polls and status changes, oldest first, each with the agenda version it was taken on. */
  decisions: Decision[];
}

/** The meeting's closed polls, counted. */
export async function closedPolls(db: Db, meetingId: string): Promise<PublicPoll[]> {
  const polls = new PollStore(db);
  const closed = (await polls.listByMeeting(meetingId)).filter((poll) => poll.status === 'closed');
  return Promise.all(closed.map(async (poll) => ({ poll, results: resultsOf(poll, await polls.countedBallots(poll.id)) })));
}

export async function readDecisions(db: Db, meetingId: string): Promise<MeetingDecisions> {
  const [polls, statusChanges, all] = await Promise.all([
    closedPolls(db, meetingId),
    new PublicStore(db).statusChanges(meetingId),
    new VersionStore(db).list(meetingId),
  ]);
  const versions = all.filter((version) => version.kind === 'named');
  return { polls, statusChanges, versions, decisions: decisionsOf(polls, statusChanges, versions) };
}

/** The polls of the meeting, from its live document, and who may vote in which. */
import { useMemo } from 'react';
import { LIVE_POLL_COUNTS_MAP, LIVE_POLLS_MAP } from '../../../shared/constants/polls.ts';
import { LIVE_WORKING_GROUPS_MAP } from '../../../shared/constants/workingGroups.ts';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';

/**
 * Every poll of the meeting by id, whole: the live document keeps each poll's counts (ballots,
 * tally, ...) in a map of their own, written with the poll in one transaction.
 */
export function useLivePolls(): Record<string, PollDto> {
  const polls = useLiveMap(LIVE_POLLS_MAP);
  const counts = useLiveMap(LIVE_POLL_COUNTS_MAP);
  return useMemo(
    () => Object.fromEntries(Object.entries(polls).map(([id, poll]) => [id, { ballots: 0, ...poll, ...counts[id] }])),
    [polls, counts],
  );
}

/** Every poll of the meeting, the newest first. */
export function usePolls(): PollDto[] {
  const polls = useLivePolls();
  return useMemo(() => Object.values(polls).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)), [polls]);
}

export function useWorkingGroups(): Record<string, WorkingGroupDto> {
  return useLiveMap(LIVE_WORKING_GROUPS_MAP);
}

/** A whole-number percentage of `part` in `whole`. */
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export const meetingPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;
export const pollLink = (meetingId: string, pollId: string) =>
  `${meetingPath(meetingId)}?tab=polls&poll=${encodeURIComponent(pollId)}`;
export const presentPath = (meetingId: string, pollId: string) =>
  `${meetingPath(meetingId)}/polls/${encodeURIComponent(pollId)}/present`;
/** The short link (served by the server) that the projector shows with its QR code. */
export const shortLink = (pollId: string) => `${window.location.origin}/p/${encodeURIComponent(pollId)}`;

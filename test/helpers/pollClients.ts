/** Helpers for tests of polls and working groups: HTTP shortcuts, voters, and the live projection as a client sees it. */

import type { Store } from '../../server/src/storage/store.ts';
import { liveDoc } from '../../shared/documentNames.ts';
import type { Role, StakeholderGroup } from '../../shared/roles.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { LIVE_POLL_COUNTS_MAP, LIVE_POLLS_MAP } from '../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { LIVE_WORKING_GROUPS_MAP } from '../../shared/schemas/workingGroups.ts';
import { collabToken, connectPeer, createUser, http, login, type Peer, type Session, synced } from './clients.ts';

export async function createPoll(
  baseUrl: string,
  session: Session,
  meetingId: string,
  body: Record<string, unknown>,
): Promise<PollDto> {
  const result = await http<PollDto>(baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, { cookie: session.cookie, body });
  if (result.status !== 201) throw new Error(`create poll: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

export async function openPoll(baseUrl: string, session: Session, pollId: string): Promise<PollDto> {
  const result = await http<PollDto>(baseUrl, 'POST', `/api/polls/${pollId}/open`, { cookie: session.cookie });
  if (result.status !== 200) throw new Error(`open poll: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

export async function closePoll(baseUrl: string, session: Session, pollId: string): Promise<PollDto> {
  const result = await http<PollDto>(baseUrl, 'POST', `/api/polls/${pollId}/close`, { cookie: session.cookie });
  if (result.status !== 200) throw new Error(`close poll: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

export const vote = (baseUrl: string, session: Session, pollId: string, choices: string[]) =>
  http<{ voted: boolean; replaced?: boolean; choices?: string[]; error?: { code: string; message: string } }>(
    baseUrl,
    'PUT',
    `/api/polls/${pollId}/ballot`,
    { cookie: session.cookie, body: { choices } },
  );

/** A provider on the meeting's live document, synced. */
export async function watchLive(baseUrl: string, wsUrl: string, session: Session, meetingId: string): Promise<Peer> {
  const name = liveDoc(meetingId);
  const peer = connectPeer(wsUrl, name, () => collabToken(baseUrl, session, name));
  await synced(peer);
  return peer;
}

/** A poll as the client reads it: its entry in `polls` with its counts from `pollCounts` (client/src/polls/usePolls.ts). */
export function livePoll(peer: Peer, pollId: string): PollDto | undefined {
  const poll = peer.doc.getMap<Omit<PollDto, 'ballots'>>(LIVE_POLLS_MAP).get(pollId);
  if (!poll) return undefined;
  return { ballots: 0, ...poll, ...peer.doc.getMap<Partial<PollDto>>(LIVE_POLL_COUNTS_MAP).get(pollId) };
}

export const liveGroup = (peer: Peer, groupId: string): WorkingGroupDto | undefined =>
  peer.doc.getMap<WorkingGroupDto>(LIVE_WORKING_GROUPS_MAP).get(groupId);

const GROUPS: readonly StakeholderGroup[] = [
  'government',
  'private-sector',
  'civil-society',
  'technical-community',
  'intergovernmental',
];

/**
 * `count` users created straight in the store (fast), then each signed in through the login
 * route, a few at a time. They take the stakeholder groups in turn.
 */
export async function createVoters(
  baseUrl: string,
  store: Store,
  count: number,
  options: { role?: Role; prefix?: string } = {},
): Promise<Session[]> {
  const users = [];
  for (let i = 0; i < count; i++) {
    users.push(
      await createUser(store, {
        name: `${options.prefix ?? 'Voter'} ${i}`,
        role: options.role ?? 'member',
        group: GROUPS[i % GROUPS.length]!,
      }),
    );
  }
  const sessions: Session[] = [];
  for (let start = 0; start < users.length; start += 16) {
    sessions.push(...(await Promise.all(users.slice(start, start + 16).map((user) => login(baseUrl, user.email)))));
  }
  return sessions;
}

/**
 * Live poll viewers and voters (S7), run inside a load generator: viewers watch their poll in
 * `live:{meetingId}` until they see the final tally (its counts in the `pollCounts` map; builds
 * before that map was split off kept them in the poll's entry of `polls`, read when there is none); voters cast ballots over HTTP on a fixed
 * schedule (open loop: a slow answer does not delay the next ballot).
 */
import { nowUs, sleep, waitUntil } from '../lib/clock.ts';
import { entries } from './entries.ts';
import { keepAliveClient } from './keepAliveClient.ts';

interface PollView {
  ballots?: number;
  tally?: Record<string, number>;
}

const seenAt = new Map<number, number>();
/** Updates each viewer had received when watching began. */
const updatesBefore = new Map<number, number>();

function tallyEquals(actual: Record<string, number> | undefined, expected: Record<string, number>): boolean {
  if (!actual) return false;
  for (const [option, count] of Object.entries(expected)) if ((actual[option] ?? 0) !== count) return false;
  return Object.values(actual).reduce((a, b) => a + b, 0) === Object.values(expected).reduce((a, b) => a + b, 0);
}

/** Keep-alive connections the voters' process keeps open to the server. */
const VOTER_CONNECTIONS = 200;

export function pollHandlers() {
  return {
    /** From now on, each viewer notes when its copy first shows the expected final tally. */
    watchPoll({ pollId, ballots, tally }: { pollId: string; ballots: number; tally: Record<string, number> }) {
      seenAt.clear();
      updatesBefore.clear();
      for (const [index, entry] of entries) {
        updatesBefore.set(index, entry.tracker.updates);
        const doc = entry.client.doc;
        if (!doc) continue;
        const polls = doc.getMap<PollView>('polls');
        const counts = doc.getMap<PollView>('pollCounts');
        const check = () => {
          if (seenAt.has(index)) return;
          const view = counts.get(pollId) ?? polls.get(pollId);
          if (view?.ballots === ballots && tallyEquals(view.tally, tally)) seenAt.set(index, nowUs());
        };
        entry.tracker.listener = check;
        check();
      }
    },

    /** Waits until every viewer here has seen the final tally; returns when each did (µs). */
    async awaitPoll({ timeoutMs }: { timeoutMs: number }) {
      const viewers = [...entries.values()].filter((entry) => entry.client.doc);
      try {
        await waitUntil(() => seenAt.size >= viewers.length, timeoutMs, 'the final tally on every viewer', 5);
      } catch {
        // reported below
      }
      for (const entry of entries.values()) entry.tracker.listener = null;
      let updates = 0;
      for (const [index, entry] of entries)
        updates += entry.tracker.updates - (updatesBefore.get(index) ?? entry.tracker.updates);
      return {
        seen: Float64Array.from(seenAt.values()),
        viewers: viewers.length,
        dropped: viewers.filter((entry) => entry.client.dropped).length,
        updatesPerViewer: viewers.length ? updates / viewers.length : 0,
      };
    },

    /**
     * Casts ballots: voter k at startAt + k × spacing, without waiting for earlier answers.
     * Returns each ballot's start and end (µs) and HTTP status.
     *
     * Voters' devices have loaded the meeting page before they vote, so their connections to the
     * server are open: the ballots go over keep-alive connections opened beforehand (a pool, as
     * one process stands for two thousand devices), not over a fresh TCP connection each. Plain
     * node:http, because fetch's own cost per request (streams, promises) would make this
     * process, not the server, the slow part at a thousand requests a second.
     */
    async vote({
      baseUrl,
      pollId,
      voters,
      startAtUs,
      spacingUs,
    }: {
      baseUrl: string;
      pollId: string;
      voters: { cookie: string; choice: string; slot: number }[];
      startAtUs: number;
      spacingUs: number;
    }) {
      const started = new Float64Array(voters.length);
      const ended = new Float64Array(voters.length);
      const statuses = new Int32Array(voters.length);
      const client = keepAliveClient(baseUrl, VOTER_CONNECTIONS);
      const ballotPath = `/api/polls/${pollId}/ballot`;
      const send = (method: string, cookie: string, body?: string) =>
        client.send(method, ballotPath, cookie, body).then(({ status }) => status);
      // Open the pool: what each page asks when it loads (have I voted?), VOTER_CONNECTIONS at a time.
      await Promise.all(voters.slice(0, VOTER_CONNECTIONS).map((voter) => send('GET', voter.cookie)));
      const requests: Promise<void>[] = [];
      for (let k = 0; k < voters.length; k++) {
        const voter = voters[k]!;
        const due = startAtUs + voter.slot * spacingUs;
        const wait = (due - nowUs()) / 1000;
        if (wait > 0.5) await sleep(wait);
        started[k] = nowUs();
        requests.push(
          send('PUT', voter.cookie, JSON.stringify({ choices: [voter.choice] })).then((status) => {
            ended[k] = nowUs();
            statuses[k] = status;
          }),
        );
      }
      await Promise.all(requests);
      client.close();
      return { started, ended, statuses };
    },
  };
}

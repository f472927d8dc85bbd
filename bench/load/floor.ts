/**
 * Floor viewers and upvoters (S10), run inside a load generator: viewers watch the `floor` and
 * `questions` maps of `live:{meetingId}` and note when they first see a raised hand, then when
 * their copy of the questions shows the expected order and counts exactly; upvoters send
 * PUT /api/questions/:id/vote on a fixed schedule (open loop) over keep-alive connections.
 */
import { nowUs, sleep, waitUntil } from '../lib/clock.ts';
import { entries } from './entries.ts';
import { keepAliveClient } from './keepAliveClient.ts';

interface HandView {
  queue?: { userId: string }[];
}
interface QuestionView {
  votes: number;
  createdAt: number;
  id: string;
}

const seenAt = new Map<number, number>();
const CONNECTIONS = 200;

/** Most votes first, then oldest, then id: as every screen orders questions. */
const order = (a: QuestionView, b: QuestionView) => b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

function watch(check: (doc: NonNullable<ReturnType<typeof docOf>>) => boolean) {
  seenAt.clear();
  for (const [index, entry] of entries) {
    const doc = docOf(entry);
    if (!doc) continue;
    const listener = () => {
      if (!seenAt.has(index) && check(doc)) seenAt.set(index, nowUs());
    };
    entry.tracker.listener = listener;
    listener();
  }
}

const docOf = (entry: { client: { doc?: import('yjs').Doc | null } }) => entry.client.doc ?? null;

async function awaitSeen(timeoutMs: number, what: string) {
  const viewers = [...entries.values()].filter((entry) => docOf(entry));
  try {
    await waitUntil(() => seenAt.size >= viewers.length, timeoutMs, what, 5);
  } catch {
    // reported below
  }
  for (const entry of entries.values()) entry.tracker.listener = null;
  return {
    seen: Float64Array.from(seenAt.values()),
    viewers: viewers.length,
    dropped: viewers.filter((entry) => entry.client.dropped).length,
  };
}

export function floorHandlers() {
  return {
    /** From now on, each viewer notes when its list of the item shows `userId`. */
    watchHand({ itemKey, userId }: { itemKey: string; userId: string }) {
      watch((doc) =>
        Boolean(
          doc
            .getMap<HandView>('floor')
            .get(itemKey)
            ?.queue?.some((hand) => hand.userId === userId),
        ),
      );
    },
    awaitHand: ({ timeoutMs }: { timeoutMs: number }) => awaitSeen(timeoutMs, 'the hand on every viewer'),

    /** From now on, each viewer notes when its questions, in order, are exactly `expected`. */
    watchQuestions({ expected }: { expected: { id: string; votes: number }[] }) {
      watch((doc) => {
        const shown = [...doc.getMap<QuestionView>('questions').values()].sort(order);
        return (
          shown.length === expected.length &&
          shown.every((question, k) => question.id === expected[k]!.id && question.votes === expected[k]!.votes)
        );
      });
    },
    awaitQuestions: ({ timeoutMs }: { timeoutMs: number }) => awaitSeen(timeoutMs, 'the exact order on every viewer'),

    /** Upvotes: voter k at startAt + k × spacing, without waiting for earlier answers. */
    async upvote({
      baseUrl,
      questionId,
      voters,
      startAtUs,
      spacingUs,
    }: {
      baseUrl: string;
      questionId: string;
      voters: { cookie: string; slot: number }[];
      startAtUs: number;
      spacingUs: number;
    }) {
      const started = new Float64Array(voters.length);
      const ended = new Float64Array(voters.length);
      const statuses = new Int32Array(voters.length);
      const client = keepAliveClient(baseUrl, CONNECTIONS);
      const send = (method: string, path: string, cookie: string) =>
        client.send(method, path, cookie).then(({ status }) => status);
      // Open the pool as pages that have loaded do (who am I?).
      await Promise.all(voters.slice(0, CONNECTIONS).map((voter) => send('GET', '/api/me', voter.cookie)));
      const requests: Promise<void>[] = [];
      for (let k = 0; k < voters.length; k++) {
        const voter = voters[k]!;
        const wait = (startAtUs + voter.slot * spacingUs - nowUs()) / 1000;
        if (wait > 0.5) await sleep(wait);
        started[k] = nowUs();
        requests.push(
          send('PUT', `/api/questions/${questionId}/vote`, voter.cookie).then((status) => {
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

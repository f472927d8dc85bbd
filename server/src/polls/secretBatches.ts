/**
 * Secret ballots with results shown live: a chair watching "who has voted" beside the live tally
 * could tell how each person voted as the ballots came in, one at a time. So while a secret poll
 * is open, what anyone sees of it (the number of ballots, the tally, who has voted) is a published
 * snapshot, and a new snapshot is published only once at least SECRET_BATCH ballots from people
 * not in the last one are in, or once everyone who may vote has (a working group of three would
 * otherwise show "nobody has voted" until the close, and the chair could not tell when to close;
 * that last snapshot shows nothing that closing the poll then would not). Ballots replaced
 * meanwhile show with the next batch. At close the full count is shown and the snapshot is dropped.
 *
 * The snapshot is in the store (one row per poll), written with a version check, so that every
 * instance shows the same snapshots: two instances publishing at 10 and 11 voters would otherwise
 * give away the eleventh voter's ballot to anyone comparing them.
 */

import type { CountedBallot } from '../../../shared/tally.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import type { Migration } from '../storage/migrations.ts';
import type { Poll, PollStore } from './pollStore.ts';

/** The fewest new voters a published snapshot of a secret poll adds. */
export const SECRET_BATCH = 5;

export const SECRET_BATCH_MIGRATIONS: Migration[] = [
  {
    version: 500,
    name: 'published snapshots of open secret polls',
    statements: [
      `CREATE TABLE poll_published (
        poll_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        voter_ids TEXT NOT NULL,
        ballots TEXT NOT NULL,
        published_at BIGINT NOT NULL
      )`,
    ],
  },
];

interface Snapshot {
  version: number;
  voterIds: string[];
  ballots: CountedBallot[];
}

/** Whether what is shown of the poll is its published snapshot rather than the live count. */
export const showsPublishedSnapshot = (poll: Poll): boolean => poll.secret && poll.status === 'open';

/**
 * The published snapshots. PollService reads them for display (resultsForDisplay,
 * votersForDisplay) while showsPublishedSnapshot(poll), publishes after each committed ballot
 * and drops the snapshot in the closing transaction; PollStore's reads always give the real count.
 */
export class SecretBatches {
  private readonly db: Db;
  private readonly polls: PollStore;
  /** Per poll, the publication under way: ballots are looked at one after the other. */
  private readonly publishing = new Map<string, Promise<void>>();

  constructor(db: Db, polls: PollStore) {
    this.db = db;
    this.polls = polls;
  }

  /** The ballots of the last published snapshot (none before the first batch). */
  async publishedBallots(pollId: string): Promise<CountedBallot[]> {
    return (await this.snapshot(pollId))?.ballots ?? [];
  }

  /** The voters of the last published snapshot. */
  async publishedVoterIds(pollId: string): Promise<ReadonlySet<string>> {
    return new Set((await this.snapshot(pollId))?.voterIds ?? []);
  }

  /** Inside the closing transaction: the full count shows from now on, and no snapshot outlives the opening. */
  async drop(tx: SqlExecutor, pollId: string): Promise<void> {
    await tx.run('DELETE FROM poll_published WHERE poll_id = ?', [pollId]);
  }

  /** Publishes the poll's present state when enough new voters are in (after the ballots before it). */
  publishIfDue(poll: Poll): Promise<void> {
    if (!showsPublishedSnapshot(poll)) return Promise.resolve();
    const previous = this.publishing.get(poll.id) ?? Promise.resolve();
    const next = previous.then(() => this.publish(poll)).catch(() => undefined);
    this.publishing.set(poll.id, next);
    void next.finally(() => {
      if (this.publishing.get(poll.id) === next) this.publishing.delete(poll.id);
    });
    return next;
  }

  private async publish(poll: Poll): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await tx.get<{ version: number; voter_ids: string }>(
        'SELECT version, voter_ids FROM poll_published WHERE poll_id = ?',
        [poll.id],
      );
      const published = new Set<string>(row ? (JSON.parse(row.voter_ids) as string[]) : []);
      const voterIds = (await tx.all<{ user_id: string }>('SELECT user_id FROM poll_voters WHERE poll_id = ?', [poll.id]))
        .map((voter) => voter.user_id)
        .sort();
      const fresh = voterIds.filter((id) => !published.has(id)).length;
      if (fresh === 0) return;
      if (fresh < SECRET_BATCH && (await this.polls.notYetVoted(tx, poll)) !== 0) return;
      // Sorted, so that the stored snapshot keeps no trace of the order the ballots came in.
      const ballots = (await this.polls.countedBallots(poll.id, tx)).sort((a, b) =>
        JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
      );
      const values = [JSON.stringify(voterIds), JSON.stringify(ballots), Date.now(), poll.id];
      if (row) {
        // Another instance may have published meanwhile: then its snapshot stands.
        await tx.run(
          'UPDATE poll_published SET version = version + 1, voter_ids = ?, ballots = ?, published_at = ? WHERE poll_id = ? AND version = ?',
          [...values, Number(row.version)],
        );
      } else {
        await tx.run(
          'INSERT INTO poll_published (voter_ids, ballots, published_at, poll_id, version) VALUES (?, ?, ?, ?, 1) ON CONFLICT (poll_id) DO NOTHING',
          values,
        );
      }
    });
  }

  private async snapshot(pollId: string): Promise<Snapshot | undefined> {
    const row = await this.db.get<{ version: number; voter_ids: string; ballots: string }>(
      'SELECT version, voter_ids, ballots FROM poll_published WHERE poll_id = ?',
      [pollId],
    );
    if (!row) return undefined;
    return { version: Number(row.version), voterIds: JSON.parse(row.voter_ids), ballots: JSON.parse(row.ballots) };
  }
}

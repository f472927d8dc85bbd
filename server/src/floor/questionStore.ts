/**
 * Audience questions, their votes and their moderation. SQL only. A vote is a row keyed by
 * (question, person): casting it twice, at once or not, leaves one row.
 */
import type { Question, QuestionModeration, QuestionStatus } from '../../../shared/schemas/floor.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface QuestionRecord {
  id: string;
  meetingId: string;
  itemId: string;
  authorId: string;
  authorName: string;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  votes: number;
  createdAt: number;
  answeredAt: number | null;
  hiddenReason: string | null;
}

interface QuestionRow {
  id: string;
  meeting_id: string;
  item_id: string;
  author_id: string;
  author_name: string;
  text: string;
  anonymous: number;
  status: QuestionStatus;
  votes: number;
  created_at: number;
  answered_at: number | null;
  hidden_reason: string | null;
}

const SELECT = `SELECT q.id, q.meeting_id, q.item_id, q.author_id, u.name AS author_name, q.text, q.anonymous, q.status,
  (SELECT COUNT(*) FROM question_votes v WHERE v.question_id = q.id) AS votes, q.created_at, q.answered_at, q.hidden_reason
  FROM questions q JOIN users u ON u.id = q.author_id`;

function toQuestion(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    itemId: row.item_id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    anonymous: Number(row.anonymous) === 1,
    status: row.status,
    votes: Number(row.votes),
    createdAt: Number(row.created_at),
    answeredAt: row.answered_at === null ? null : Number(row.answered_at),
    hiddenReason: row.hidden_reason,
  };
}

/** What everyone may see of a question: an anonymous author stays unnamed. */
export function publicQuestion(question: QuestionRecord): Question {
  return {
    id: question.id,
    meetingId: question.meetingId,
    itemId: question.itemId || null,
    text: question.text,
    votes: question.votes,
    status: question.status,
    anonymous: question.anonymous,
    ...(question.anonymous ? {} : { authorId: question.authorId, authorName: question.authorName }),
    createdAt: question.createdAt,
    answeredAt: question.answeredAt,
  };
}

export class QuestionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<QuestionRecord | undefined> {
    const row = await tx.get<QuestionRow>(`${SELECT} WHERE q.id = ?`, [id]);
    return row && toQuestion(row);
  }

  async list(meetingId: string, itemId?: string): Promise<QuestionRecord[]> {
    const rows = await this.db.all<QuestionRow>(
      `${SELECT} WHERE q.meeting_id = ?${itemId === undefined ? '' : ' AND q.item_id = ?'}`,
      itemId === undefined ? [meetingId] : [meetingId, itemId],
    );
    return rows.map(toQuestion);
  }

  /** Questions waiting for approval, per agenda item ('' for those asked with no item current); items with none are left out. */
  async pendingByItem(meetingId: string): Promise<Record<string, number>> {
    const rows = await this.db.all<{ item_id: string; count: number | string }>(
      `SELECT item_id, COUNT(*) AS count FROM questions WHERE meeting_id = ? AND status = 'pending' GROUP BY item_id`,
      [meetingId],
    );
    return Object.fromEntries(rows.map((row) => [row.item_id, Number(row.count)]));
  }

  async insert(
    tx: SqlExecutor,
    question: Omit<QuestionRecord, 'authorName' | 'votes' | 'answeredAt' | 'hiddenReason'>,
  ): Promise<void> {
    await tx.run(
      `INSERT INTO questions (id, meeting_id, item_id, author_id, text, anonymous, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        question.id,
        question.meetingId,
        question.itemId,
        question.authorId,
        question.text,
        question.anonymous ? 1 : 0,
        question.status,
        question.createdAt,
      ],
    );
  }

  /** Moves a question from one of `from` to `to`; false when it was in none of them. */
  async setStatus(
    tx: SqlExecutor,
    id: string,
    from: QuestionStatus[],
    to: QuestionStatus,
    extra: { approvedBy?: string; answeredAt?: number; hiddenReason?: string } = {},
  ): Promise<boolean> {
    const result = await tx.run(
      `UPDATE questions SET status = ?, approved_by = COALESCE(?, approved_by), answered_at = COALESCE(?, answered_at),
         hidden_reason = COALESCE(?, hidden_reason)
       WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
      [to, extra.approvedBy ?? null, extra.answeredAt ?? null, extra.hiddenReason ?? null, id, ...from],
    );
    return result.changes === 1;
  }

  async vote(questionId: string, userId: string, at: number): Promise<void> {
    await this.db.run('INSERT INTO question_votes (question_id, user_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
      questionId,
      userId,
      at,
    ]);
  }

  async unvote(questionId: string, userId: string): Promise<void> {
    await this.db.run('DELETE FROM question_votes WHERE question_id = ? AND user_id = ?', [questionId, userId]);
  }

  async voteCount(questionId: string): Promise<number> {
    const row = await this.db.get<{ count: number }>('SELECT COUNT(*) AS count FROM question_votes WHERE question_id = ?', [
      questionId,
    ]);
    return Number(row?.count ?? 0);
  }

  async votesOf(meetingId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db.all<{ question_id: string }>(
      'SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.meeting_id = ? AND v.user_id = ?',
      [meetingId, userId],
    );
    return new Set(rows.map((row) => row.question_id));
  }

  async recordModeration(
    tx: SqlExecutor,
    entry: { meetingId: string; questionId: string; action: string; actorId: string; reason: string; at: number },
  ): Promise<void> {
    await tx.run(
      'INSERT INTO question_moderation (meeting_id, question_id, action, actor_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
      [entry.meetingId, entry.questionId, entry.action, entry.actorId, entry.reason, entry.at],
    );
  }

  async moderationLog(meetingId: string): Promise<QuestionModeration[]> {
    const rows = await this.db.all<{
      question_id: string;
      text: string;
      author_id: string;
      author_name: string;
      actor_id: string;
      actor_name: string;
      reason: string;
      at: number;
    }>(
      `SELECT m.question_id, q.text, q.author_id, a.name AS author_name, m.actor_id, b.name AS actor_name, m.reason, m.at
       FROM question_moderation m JOIN questions q ON q.id = m.question_id JOIN users a ON a.id = q.author_id JOIN users b ON b.id = m.actor_id
       WHERE m.meeting_id = ? ORDER BY m.id DESC`,
      [meetingId],
    );
    return rows.map((row) => ({
      questionId: row.question_id,
      text: row.text,
      authorId: row.author_id,
      authorName: row.author_name,
      byId: row.actor_id,
      byName: row.actor_name,
      reason: row.reason,
      at: Number(row.at),
    }));
  }
}

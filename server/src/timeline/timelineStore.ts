/** The cycle's dated things, read across the features' tables for the timeline. SQL only. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/db.ts';

export interface PollRow {
  id: string;
  meeting_id: string;
  question: string;
  status: string;
  opened_at: number | null;
  closed_at: number | null;
  working_group_id: string | null;
}

export interface ActionRow {
  id: string;
  meeting_id: string;
  text: string;
  owner: string;
  owner_user_id: string | null;
  owner_role: string | null;
  due_label: string | null;
  due_start: string | null;
  due_end: string | null;
  status: string;
}

export interface GroupRow {
  id: string;
  meeting_id: string;
  name: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class TimelineStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Polls that have opened (drafts are not on anyone's calendar). */
  polls(): Promise<PollRow[]> {
    return this.db.all<PollRow>(
      `SELECT id, meeting_id, question, status, opened_at, closed_at, working_group_id FROM polls WHERE status <> 'draft' ORDER BY id`,
    );
  }

  actionsWithDue(): Promise<ActionRow[]> {
    return this.db.all<ActionRow>(
      `SELECT id, meeting_id, text, owner, owner_user_id, owner_role, due_label, due_start, due_end, status
       FROM action_items WHERE due_end IS NOT NULL ORDER BY due_end, id`,
    );
  }

  workingGroups(): Promise<GroupRow[]> {
    return this.db.all<GroupRow>('SELECT id, meeting_id, name FROM working_groups ORDER BY meeting_id, position, name');
  }

  async groupsOf(userId: string): Promise<Set<string>> {
    const rows = await this.db.all<{ group_id: string }>('SELECT group_id FROM working_group_members WHERE user_id = ?', [
      userId,
    ]);
    return new Set(rows.map((row) => row.group_id));
  }

  /** A fresh secret for the person's feed; the one before stops working. */
  async issueCalendarToken(userId: string): Promise<{ token: string; createdAt: number }> {
    const token = randomBytes(24).toString('base64url');
    const createdAt = Date.now();
    await this.db.run(
      `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      [userId, hash(token), createdAt],
    );
    return { token, createdAt };
  }

  async userOfCalendarToken(token: string): Promise<string | undefined> {
    return (await this.db.get<{ user_id: string }>('SELECT user_id FROM calendar_tokens WHERE token_hash = ?', [hash(token)]))
      ?.user_id;
  }

  /** Whether there was an address to revoke (the DELETE's own count, so two at once revoke it once). */
  async revokeCalendarToken(userId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM calendar_tokens WHERE user_id = ?', [userId])).changes > 0;
  }
}

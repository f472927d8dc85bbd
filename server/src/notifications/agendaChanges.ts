/**
 * "The agenda changed after it was circulated": when a meeting's agenda document is stored with
 * an edit made after its latest named version, everyone on the board but the editor is told, at
 * most once an hour per meeting. A Hocuspocus extension that runs after the document is stored
 * (the collab core knows nothing of it); the check runs on its own, never delaying the store.
 * `agenda_change_notices` keeps each meeting's last notice, updated in the transaction that writes
 * the notifications, so several instances and restarts send one notice an hour between them.
 */
import type { afterStoreDocumentPayload, Extension } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { agendaDoc, parseDocumentName } from '../../../shared/documentNames.ts';
import type { Db } from '../storage/db.ts';
import type { Notifier } from './notify.ts';

/** At most one notice per meeting in this long. */
export const AGENDA_CHANGE_INTERVAL_MS = 3600_000;

export class AgendaChangeNotices implements Extension {
  readonly extensionName = 'plenary-agenda-change-notices';
  private readonly db: Db;
  private readonly notify: Notifier;
  private readonly log: FastifyBaseLogger;
  /** Checks under way, awaited at shutdown so that none writes to a closed store. */
  private readonly running = new Set<Promise<void>>();

  constructor(db: Db, notify: Notifier, log: FastifyBaseLogger) {
    this.db = db;
    this.notify = notify;
    this.log = log;
  }

  async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'agenda') return;
    // Not awaited: telling people must never hold up (or fail) storing the document.
    const check = this.check(ref.id, Date.now())
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error, documentName }, 'could not tell of an agenda change'));
    this.running.add(check);
    void check.finally(() => this.running.delete(check));
  }

  /** Waits for the checks under way. */
  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /** Tells of the meeting's agenda change if one is due at `now`; returns whether it did. */
  async check(meetingId: string, now: number): Promise<boolean> {
    const circulated = await this.db.get<{ seq: number }>(
      `SELECT seq FROM agenda_versions WHERE meeting_id = ? AND kind = 'named' ORDER BY seq DESC LIMIT 1`,
      [meetingId],
    );
    if (!circulated) return false; // never circulated: edits are drafting
    const edit = await this.db.get<{ user_id: string | null; created_at: number }>(
      'SELECT user_id, created_at FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq DESC LIMIT 1',
      [agendaDoc(meetingId), circulated.seq],
    );
    if (!edit) return false;
    const editedAt = Number(edit.created_at);
    return this.db.transaction(async (tx) => {
      // Claims the notice: only when the last one is an hour old and older than this edit (a
      // store with no new edit, as when the last editor leaves, tells nobody again).
      const claimed = await tx.run(
        `INSERT INTO agenda_change_notices (meeting_id, sent_at) VALUES (?, ?)
         ON CONFLICT (meeting_id) DO UPDATE SET sent_at = excluded.sent_at
         WHERE agenda_change_notices.sent_at <= ? AND agenda_change_notices.sent_at < ?`,
        [meetingId, now, now - AGENDA_CHANGE_INTERVAL_MS, editedAt],
      );
      if (claimed.changes === 0) return false;
      await this.notify.emit(tx, { type: 'agenda.changed', actorId: edit.user_id, meetingId, at: now });
      return true;
    });
  }
}

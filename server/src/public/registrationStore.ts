/** Registrations for public meetings (SQL only). */
import { randomUUID } from 'node:crypto';
import type { RegistrationDto } from '../../../shared/schemas/public.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

interface RegistrationRow {
  id: string;
  meeting_id: string;
  name: string;
  email: string;
  stakeholder_group: string;
  country: string;
  affiliation: string;
  created_at: number;
  status: string;
}

export interface NewRegistration {
  meetingId: string;
  userId: string;
  name: string;
  email: string;
  group: string;
  country: string;
  affiliation: string;
}

export class RegistrationStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async create(input: NewRegistration, tx: SqlExecutor): Promise<string> {
    const id = randomUUID();
    await tx.run(
      `INSERT INTO meeting_registrations (id, meeting_id, user_id, name, email, stakeholder_group, country, affiliation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, input.meetingId, input.userId, input.name, input.email, input.group, input.country, input.affiliation, Date.now()],
    );
    return id;
  }

  async exists(meetingId: string, email: string, tx: SqlExecutor = this.db): Promise<boolean> {
    return (
      (await tx.get('SELECT id FROM meeting_registrations WHERE meeting_id = ? AND email = ?', [meetingId, email])) !== undefined
    );
  }

  async list(meetingId: string): Promise<RegistrationDto[]> {
    const rows = await this.db.all<RegistrationRow>(
      `SELECT r.id, r.meeting_id, r.name, r.email, r.stakeholder_group, r.country, r.affiliation, r.created_at, u.status
         FROM meeting_registrations r JOIN users u ON u.id = r.user_id WHERE r.meeting_id = ? ORDER BY r.created_at, r.id`,
      [meetingId],
    );
    return rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      name: row.name,
      email: row.email,
      group: row.stakeholder_group,
      country: row.country,
      affiliation: row.affiliation,
      createdAt: Number(row.created_at),
      confirmed: row.status === 'active',
    }));
  }

  async isClosed(meetingId: string, tx: SqlExecutor = this.db): Promise<boolean> {
    return (await tx.get('SELECT meeting_id FROM meeting_registration_closed WHERE meeting_id = ?', [meetingId])) !== undefined;
  }

  /**
   * Opens or closes registration; false when it already was so (a second click, two tabs), so
   * that nothing is recorded for a change that did not happen.
   */
  async setOpen(meetingId: string, open: boolean, actorId: string, tx: SqlExecutor): Promise<boolean> {
    if (open) return (await tx.run('DELETE FROM meeting_registration_closed WHERE meeting_id = ?', [meetingId])).changes > 0;
    const result = await tx.run(
      'INSERT INTO meeting_registration_closed (meeting_id, closed_by, closed_at) VALUES (?, ?, ?) ON CONFLICT (meeting_id) DO NOTHING',
      [meetingId, actorId, Date.now()],
    );
    return result.changes > 0;
  }
}

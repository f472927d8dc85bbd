/** Meetings (consultations). Each has an agenda document and a live projection document. */
import { agendaDoc, liveDoc } from '../../../shared/documentNames.ts';
import type { MeetingFormat, MeetingStatus, MeetingVisibility } from '../../../shared/schemas/meetings.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface Meeting {
  id: string;
  title: string;
  /** ISO date, YYYY-MM-DD. */
  startsOn: string;
  /** ISO date of the last day; equal to startsOn for a one-day meeting. */
  endsOn: string;
  /** Local start time, HH:MM, or empty. */
  startTime: string;
  /** IANA time zone name. */
  timezone: string;
  /** Where and how as one line: "Online", "Hybrid, Lillestrøm". */
  form: string;
  format: MeetingFormat;
  place: string;
  description: string;
  visibility: MeetingVisibility;
  status: MeetingStatus;
  archivedAt: number | null;
  agendaDoc: string;
  liveDoc: string;
  createdAt: number;
}

/** What creating a meeting takes; the newer fields have defaults so that older callers keep working. */
export interface NewMeeting {
  id: string;
  title: string;
  startsOn: string;
  startTime: string;
  timezone: string;
  form: string;
  description: string;
  endsOn?: string;
  format?: MeetingFormat;
  place?: string;
  visibility?: MeetingVisibility;
}

export type MeetingChanges = Partial<
  Pick<
    Meeting,
    'title' | 'startsOn' | 'endsOn' | 'startTime' | 'timezone' | 'form' | 'format' | 'place' | 'description' | 'visibility'
  >
>;

interface MeetingRow {
  id: string;
  title: string;
  starts_on: string;
  ends_on: string | null;
  start_time: string;
  timezone: string;
  form: string;
  format: string;
  place: string;
  description: string;
  visibility: string;
  archived_at: number | null;
  created_at: number;
}

const COLUMNS =
  'id, title, starts_on, ends_on, start_time, timezone, form, format, place, description, visibility, archived_at, created_at';

const COLUMN_OF: Record<keyof MeetingChanges, string> = {
  title: 'title',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  startTime: 'start_time',
  timezone: 'timezone',
  form: 'form',
  format: 'format',
  place: 'place',
  description: 'description',
  visibility: 'visibility',
};

/** The format of a meeting described only by its one-line form. */
export function formatOfForm(form: string): MeetingFormat {
  const lower = form.trim().toLowerCase();
  if (lower.startsWith('online')) return 'online';
  if (lower.startsWith('hybrid')) return 'hybrid';
  return 'in-person';
}

function toMeeting(row: MeetingRow): Meeting {
  const archivedAt = row.archived_at === null ? null : Number(row.archived_at);
  return {
    id: row.id,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on ?? row.starts_on,
    startTime: row.start_time,
    timezone: row.timezone,
    form: row.form,
    format: row.format as MeetingFormat,
    place: row.place,
    description: row.description,
    visibility: row.visibility as MeetingVisibility,
    status: archivedAt === null ? 'active' : 'archived',
    archivedAt,
    agendaDoc: agendaDoc(row.id),
    liveDoc: liveDoc(row.id),
    createdAt: Number(row.created_at),
  };
}

export class MeetingStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async create(input: NewMeeting, tx: SqlExecutor = this.db): Promise<Meeting> {
    const row: MeetingRow = {
      id: input.id,
      title: input.title,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? input.startsOn,
      start_time: input.startTime,
      timezone: input.timezone,
      form: input.form,
      format: input.format ?? formatOfForm(input.form),
      place: input.place ?? '',
      description: input.description,
      visibility: input.visibility ?? 'mag',
      archived_at: null,
      created_at: Date.now(),
    };
    await tx.run(`INSERT INTO meetings (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      row.id,
      row.title,
      row.starts_on,
      row.ends_on,
      row.start_time,
      row.timezone,
      row.form,
      row.format,
      row.place,
      row.description,
      row.visibility,
      row.archived_at,
      row.created_at,
    ]);
    return toMeeting(row);
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<Meeting | undefined> {
    const row = await tx.get<MeetingRow>(`SELECT ${COLUMNS} FROM meetings WHERE id = ?`, [id]);
    return row && toMeeting(row);
  }

  async list(): Promise<Meeting[]> {
    const rows = await this.db.all<MeetingRow>(`SELECT ${COLUMNS} FROM meetings ORDER BY starts_on DESC, id`);
    return rows.map(toMeeting);
  }

  async update(id: string, changes: MeetingChanges, tx: SqlExecutor = this.db): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof MeetingChanges, string][];
    if (entries.length === 0) return;
    await tx.run(`UPDATE meetings SET ${entries.map(([key]) => `${COLUMN_OF[key]} = ?`).join(', ')} WHERE id = ?`, [
      ...entries.map(([, value]) => value),
      id,
    ]);
  }

  /** Marks the meeting archived; false when it already was. */
  async archive(id: string, actorId: string, tx: SqlExecutor = this.db): Promise<boolean> {
    const result = await tx.run('UPDATE meetings SET archived_at = ?, archived_by = ? WHERE id = ? AND archived_at IS NULL', [
      Date.now(),
      actorId,
      id,
    ]);
    return result.changes > 0;
  }

  /** Whether the meeting is archived; undefined when there is no such meeting. */
  async isArchived(id: string, tx: SqlExecutor = this.db): Promise<boolean | undefined> {
    const row = await tx.get<{ archived_at: number | null }>('SELECT archived_at FROM meetings WHERE id = ?', [id]);
    return row ? row.archived_at !== null : undefined;
  }

  async delete(id: string, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run('DELETE FROM meetings WHERE id = ?', [id]);
  }
}

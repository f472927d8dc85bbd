/** Meetings (consultations). Each has an agenda document and a live projection document. */
import { agendaDoc, liveDoc } from '../../../shared/documentNames.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface Meeting {
  id: string;
  title: string;
  /** ISO date, YYYY-MM-DD. */
  startsOn: string;
  /** Local start time, HH:MM, or empty. */
  startTime: string;
  timezone: string;
  /** Where and how: "Online", "Hybrid, Lillestrøm". */
  form: string;
  description: string;
  agendaDoc: string;
  liveDoc: string;
  createdAt: number;
}

export type NewMeeting = Omit<Meeting, 'agendaDoc' | 'liveDoc' | 'createdAt'>;

interface MeetingRow {
  id: string;
  title: string;
  starts_on: string;
  start_time: string;
  timezone: string;
  form: string;
  description: string;
  created_at: number;
}

const COLUMNS = 'id, title, starts_on, start_time, timezone, form, description, created_at';

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    title: row.title,
    startsOn: row.starts_on,
    startTime: row.start_time,
    timezone: row.timezone,
    form: row.form,
    description: row.description,
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
      start_time: input.startTime,
      timezone: input.timezone,
      form: input.form,
      description: input.description,
      created_at: Date.now(),
    };
    await tx.run(`INSERT INTO meetings (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      row.id,
      row.title,
      row.starts_on,
      row.start_time,
      row.timezone,
      row.form,
      row.description,
      row.created_at,
    ]);
    return toMeeting(row);
  }

  async byId(id: string): Promise<Meeting | undefined> {
    const row = await this.db.get<MeetingRow>(`SELECT ${COLUMNS} FROM meetings WHERE id = ?`, [id]);
    return row && toMeeting(row);
  }

  async list(): Promise<Meeting[]> {
    const rows = await this.db.all<MeetingRow>(`SELECT ${COLUMNS} FROM meetings ORDER BY starts_on DESC, id`);
    return rows.map(toMeeting);
  }
}

/** Calls for proposals: a kind (PN, BPF, other) open from one instant to another, per meeting. SQL only. */
import { randomBytes } from 'node:crypto';
import type { CallDto, CallKind } from '../../../shared/schemas/meetings.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

interface CallRow {
  id: string;
  meeting_id: string;
  kind: string;
  opens_at: number;
  closes_at: number;
  created_at: number;
  updated_at: number;
}

export interface Call {
  id: string;
  meetingId: string;
  kind: CallKind;
  opensAt: number;
  closesAt: number;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = 'id, meeting_id, kind, opens_at, closes_at, created_at, updated_at';

const toCall = (row: CallRow): Call => ({
  id: row.id,
  meetingId: row.meeting_id,
  kind: row.kind as CallKind,
  opensAt: Number(row.opens_at),
  closesAt: Number(row.closes_at),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

export const isCallOpen = (call: Pick<Call, 'opensAt' | 'closesAt'>, now = Date.now()): boolean =>
  call.opensAt <= now && now < call.closesAt;

export function toCallDto(call: Call, now = Date.now()): CallDto {
  return {
    id: call.id,
    meetingId: call.meetingId,
    kind: call.kind,
    opensAt: new Date(call.opensAt).toISOString(),
    closesAt: new Date(call.closesAt).toISOString(),
    open: isCallOpen(call, now),
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
}

export class CallStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async create(
    input: { meetingId: string; kind: CallKind; opensAt: number; closesAt: number; createdBy: string | null },
    tx: SqlExecutor = this.db,
  ): Promise<Call> {
    const now = Date.now();
    const call: Call = { id: randomBytes(9).toString('base64url'), ...input, createdAt: now, updatedAt: now };
    await tx.run(`INSERT INTO meeting_calls (${COLUMNS}, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      call.id,
      call.meetingId,
      call.kind,
      call.opensAt,
      call.closesAt,
      call.createdAt,
      call.updatedAt,
      input.createdBy,
    ]);
    return call;
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<Call | undefined> {
    const row = await tx.get<CallRow>(`SELECT ${COLUMNS} FROM meeting_calls WHERE id = ?`, [id]);
    return row && toCall(row);
  }

  async list(meetingId: string, tx: SqlExecutor = this.db): Promise<Call[]> {
    const rows = await tx.all<CallRow>(`SELECT ${COLUMNS} FROM meeting_calls WHERE meeting_id = ? ORDER BY opens_at, id`, [
      meetingId,
    ]);
    return rows.map(toCall);
  }

  async all(): Promise<Call[]> {
    return (await this.db.all<CallRow>(`SELECT ${COLUMNS} FROM meeting_calls ORDER BY closes_at, id`)).map(toCall);
  }

  /**
   * Whether the call moved: the times it already has touch no row (the condition is the UPDATE's,
   * so two identical requests at the same moment move it, and are recorded, once).
   */
  async update(id: string, opensAt: number, closesAt: number, tx: SqlExecutor = this.db): Promise<boolean> {
    const result = await tx.run(
      'UPDATE meeting_calls SET opens_at = ?, closes_at = ?, updated_at = ? WHERE id = ? AND (opens_at <> ? OR closes_at <> ?)',
      [opensAt, closesAt, Date.now(), id, opensAt, closesAt],
    );
    return result.changes > 0;
  }
}

/**
 * Versions of an agenda: a name on a position of the document's update log. The log keeps every
 * update, so a version costs one row and the document at that position can always be rebuilt.
 */
import { randomUUID } from 'node:crypto';
import type { VersionDto, VersionOrigin } from '../../../../shared/schemas/meetingRecord.ts';
import { versionOrigin } from '../../../../shared/versionOrigin.ts';
import type { Db, SqlExecutor } from '../../storage/db.ts';

type VersionKind = VersionDto['kind'];

interface VersionRow {
  id: string;
  meeting_id: string;
  seq: number;
  name: string;
  kind: VersionKind;
  created_by: string | null;
  created_by_name: string | null;
  created_at: number;
  origin: string | null;
}

const SELECT = `SELECT v.id, v.meeting_id, v.seq, v.name, v.kind, v.created_by, u.name AS created_by_name, v.created_at, v.origin
  FROM agenda_versions v LEFT JOIN users u ON u.id = v.created_by`;

function toVersion(row: VersionRow): VersionDto {
  const origin = versionOrigin(row.kind, row.name, row.origin);
  return {
    ...(origin && { origin }),
    id: row.id,
    meetingId: row.meeting_id,
    seq: Number(row.seq),
    name: row.name,
    kind: row.kind,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: Number(row.created_at),
  };
}

export class VersionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Newest first. */
  async list(meetingId: string): Promise<VersionDto[]> {
    const rows = await this.db.all<VersionRow>(`${SELECT} WHERE v.meeting_id = ? ORDER BY v.seq DESC, v.created_at DESC, v.id`, [
      meetingId,
    ]);
    return rows.map(toVersion);
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<VersionDto | undefined> {
    const row = await tx.get<VersionRow>(`${SELECT} WHERE v.id = ?`, [id]);
    return row && toVersion(row);
  }

  async latest(meetingId: string, tx: SqlExecutor = this.db): Promise<VersionDto | undefined> {
    const row = await tx.get<VersionRow>(`${SELECT} WHERE v.meeting_id = ? ORDER BY v.seq DESC, v.created_at DESC LIMIT 1`, [
      meetingId,
    ]);
    return row && toVersion(row);
  }

  /**
   * Records a version. An automatic version at a position that already has one is not repeated
   * (two instances may notice the same hour of editing): the existing one is returned.
   */
  async create(
    input: {
      meetingId: string;
      seq: number;
      name: string;
      kind: VersionKind;
      createdBy: string | null;
      at?: number;
      origin?: VersionOrigin;
    },
    tx: SqlExecutor = this.db,
  ): Promise<VersionDto> {
    const id = randomUUID();
    const result = await tx.run(
      `INSERT INTO agenda_versions (id, meeting_id, seq, name, kind, created_by, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [
        id,
        input.meetingId,
        input.seq,
        input.name,
        input.kind,
        input.createdBy,
        input.at ?? Date.now(),
        input.origin ? JSON.stringify(input.origin) : null,
      ],
    );
    if (result.changes === 0) {
      const existing = await tx.get<VersionRow>(`${SELECT} WHERE v.meeting_id = ? AND v.seq = ? AND v.kind = 'auto'`, [
        input.meetingId,
        input.seq,
      ]);
      if (existing) return toVersion(existing);
    }
    return (await this.byId(id, tx))!;
  }

  /** The last position of a document's log (0 for a document never written). */
  async headSeq(doc: string, tx: SqlExecutor = this.db): Promise<number> {
    const row = await tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?', [doc]);
    return Number(row?.seq ?? 0);
  }

  /** The first log row after `seq` (when editing since a version began), or undefined. */
  async firstUpdateAfter(doc: string, seq: number): Promise<{ seq: number; at: number } | undefined> {
    const row = await this.db.get<{ seq: number; created_at: number }>(
      'SELECT seq, created_at FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq LIMIT 1',
      [doc, seq],
    );
    return row && { seq: Number(row.seq), at: Number(row.created_at) };
  }
}

/** SQL of attachments and their versions. */
import { randomUUID } from 'node:crypto';
import type { AttachmentDto, AttachmentVersionDto } from '../../../shared/schemas/attachments.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

interface AttachmentRow {
  id: string;
  meeting_id: string;
  item_id: string | null;
  proposal_id: string | null;
  current_version: number;
  created_by: string;
  created_at: number;
}

interface VersionRow {
  attachment_id: string;
  version: number;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  uploaded_by: string;
  uploader_name: string | null;
  uploaded_at: number;
}

export interface NewVersion {
  name: string;
  size: number;
  sha256: string;
  mime: string;
  uploadedBy: string;
  inline: boolean;
}

export const downloadUrl = (id: string, version?: number): string =>
  `/api/attachments/${id}${version === undefined ? '' : `?version=${version}`}`;

const PREVIEW_MIMES = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/;

const VERSION_SQL = `SELECT v.attachment_id, v.version, v.name, v.size, v.sha256, v.mime, v.uploaded_by, u.name AS uploader_name, v.uploaded_at
  FROM attachment_versions v LEFT JOIN users u ON u.id = v.uploaded_by`;

const ATTACHMENT_COLUMNS = 'id, meeting_id, item_id, proposal_id, current_version, created_by, created_at';

export class AttachmentStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async create(
    input: { meetingId: string; itemId: string | null; proposalId: string | null; file: NewVersion },
    tx: SqlExecutor,
  ): Promise<string> {
    const id = randomUUID();
    const now = Date.now();
    await tx.run(`INSERT INTO attachments (${ATTACHMENT_COLUMNS}) VALUES (?, ?, ?, ?, 1, ?, ?)`, [
      id,
      input.meetingId,
      input.itemId,
      input.proposalId,
      input.file.uploadedBy,
      now,
    ]);
    await this.insertVersion(id, 1, input.file, now, tx);
    return id;
  }

  async addVersion(id: string, file: NewVersion, tx: SqlExecutor): Promise<number> {
    const row = await tx.get<{ v: number }>('SELECT MAX(version) AS v FROM attachment_versions WHERE attachment_id = ?', [id]);
    const version = (row?.v ?? 0) + 1;
    await this.insertVersion(id, version, file, Date.now(), tx);
    await tx.run('UPDATE attachments SET current_version = ? WHERE id = ?', [version, id]);
    return version;
  }

  private async insertVersion(id: string, version: number, file: NewVersion, at: number, tx: SqlExecutor): Promise<void> {
    await tx.run(
      `INSERT INTO attachment_versions (id, attachment_id, version, name, size, sha256, mime, uploaded_by, uploaded_at, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [randomUUID(), id, version, file.name, file.size, file.sha256, file.mime, file.uploadedBy, at],
    );
  }

  async remove(id: string, userId: string, tx: SqlExecutor): Promise<void> {
    await tx.run('UPDATE attachments SET deleted_at = ?, deleted_by = ? WHERE id = ?', [Date.now(), userId, id]);
  }

  async setText(id: string, version: number, text: string): Promise<void> {
    await this.db.run('UPDATE attachment_versions SET text = ? WHERE attachment_id = ? AND version = ?', [text, id, version]);
  }

  async row(id: string): Promise<AttachmentRow | undefined> {
    return this.db.get<AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE id = ? AND deleted_at IS NULL`, [id]);
  }

  async version(id: string, version: number): Promise<VersionRow | undefined> {
    return this.db.get<VersionRow>(`${VERSION_SQL} WHERE v.attachment_id = ? AND v.version = ?`, [id, version]);
  }

  async isReferenced(sha256: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS ok FROM attachment_versions WHERE sha256 = ?', [sha256])) !== undefined;
  }

  async byId(id: string): Promise<AttachmentDto | undefined> {
    const row = await this.row(id);
    return row ? (await this.toDtos([row]))[0] : undefined;
  }

  async list(meetingId: string, filter: { itemId?: string; proposalId?: string } = {}): Promise<AttachmentDto[]> {
    const where = ['meeting_id = ?', 'deleted_at IS NULL'];
    const params: string[] = [meetingId];
    if (filter.itemId) {
      where.push('item_id = ?');
      params.push(filter.itemId);
    }
    if (filter.proposalId) {
      where.push('proposal_id = ?');
      params.push(filter.proposalId);
    }
    const rows = await this.db.all<AttachmentRow>(
      `SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE ${where.join(' AND ')} ORDER BY created_at, id`,
      params,
    );
    return this.toDtos(rows);
  }

  private async toDtos(rows: AttachmentRow[]): Promise<AttachmentDto[]> {
    if (rows.length === 0) return [];
    const versions = await this.db.all<VersionRow>(
      `${VERSION_SQL} WHERE v.attachment_id IN (${rows.map(() => '?').join(', ')}) ORDER BY v.version DESC`,
      rows.map((row) => row.id),
    );
    return rows.map((row) => {
      const mine = versions.filter((version) => version.attachment_id === row.id).map(versionDto);
      const current = mine.find((version) => version.version === row.current_version) ?? mine[0]!;
      return {
        id: row.id,
        meetingId: row.meeting_id,
        itemId: row.item_id,
        proposalId: row.proposal_id,
        name: current.name,
        size: current.size,
        sha256: current.sha256,
        mime: current.mime,
        version: current.version,
        uploadedBy: current.uploadedBy,
        uploadedAt: current.uploadedAt,
        createdBy: row.created_by,
        url: downloadUrl(row.id),
        preview: PREVIEW_MIMES.test(current.mime),
        versions: mine,
      };
    });
  }
}

function versionDto(row: VersionRow): AttachmentVersionDto {
  return {
    version: row.version,
    name: row.name,
    size: Number(row.size),
    sha256: row.sha256,
    mime: row.mime,
    uploadedBy: { id: row.uploaded_by, name: row.uploader_name ?? '' },
    uploadedAt: Number(row.uploaded_at),
    url: downloadUrl(row.attachment_id, row.version),
  };
}

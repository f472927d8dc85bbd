/**
 * Attachments as commands: permissions, streaming the bytes into the file store, telling the
 * type from the content, one transaction with the audit entry, the live projection, and text
 * extraction for search after the response.
 */
import type { Readable } from 'node:stream';
import { type AttachmentDto, LIVE_ATTACHMENTS_MAP } from '../../../shared/schemas/attachments.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import type { LiveProjection } from '../live/liveProjection.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { canRemove, canUpload } from './attachmentPolicy.ts';
import { AttachmentStore } from './attachmentStore.ts';
import { sanitiseFileName } from './fileName.ts';
import { type FileStore, FileTooLarge, type StoredFile } from './fileStore.ts';
import { type FileType, sniffFileType } from './fileType.ts';
import type { TextExtractor } from './textExtractor.ts';

export interface Upload {
  stream: Readable;
  filename: string;
}

export interface AttachmentServiceOptions {
  store: Store;
  files: FileStore;
  live: LiveProjection;
  extractor: TextExtractor;
  maxBytes: number;
  onError: (error: unknown) => void;
}

export const tooLarge = (maxBytes: number): AppError =>
  new AppError('FILE_TOO_LARGE', `A file may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`, { maxBytes });

export class AttachmentService {
  readonly attachments: AttachmentStore;
  readonly maxBytes: number;
  private readonly pending = new Set<Promise<void>>();

  private readonly options: AttachmentServiceOptions;

  constructor(options: AttachmentServiceOptions) {
    this.options = options;
    this.attachments = new AttachmentStore(options.store.db);
    this.maxBytes = options.maxBytes;
  }

  async liveEntries(meetingId: string): Promise<Record<string, AttachmentDto>> {
    return Object.fromEntries((await this.attachments.list(meetingId)).map((attachment) => [attachment.id, attachment]));
  }

  async list(meetingId: string, filter: { itemId?: string; proposalId?: string }): Promise<AttachmentDto[]> {
    await this.meeting(meetingId);
    return this.attachments.list(meetingId, filter);
  }

  async get(id: string): Promise<AttachmentDto> {
    const attachment = await this.attachments.byId(id);
    if (!attachment) throw notFound('The attachment');
    return attachment;
  }

  /** Checks what a new attachment would be attached to, before any byte is read. */
  async checkUpload(meetingId: string, user: User, target: { itemId?: string; proposalId?: string }): Promise<void> {
    await this.meeting(meetingId);
    if (!canUpload(user)) throw forbidden('Observers may read and download attachments but not add them.');
    if (target.itemId && target.proposalId) throw badRequest('Attach a file to an agenda item or to a proposal, not both.');
    if (target.proposalId) {
      const proposal = await this.options.store.db.get('SELECT 1 AS ok FROM proposals WHERE id = ? AND meeting_id = ?', [
        target.proposalId,
        meetingId,
      ]);
      if (!proposal) throw badRequest('There is no such proposal in this meeting.', { field: 'proposalId' });
    }
    if (target.itemId) {
      const { items } = await readAgenda(this.options.store.documents, meetingId);
      if (!items.some((item) => item.id === target.itemId))
        throw badRequest('There is no such item on the agenda.', { field: 'itemId' });
    }
  }

  async create(
    meetingId: string,
    user: User,
    target: { itemId?: string; proposalId?: string },
    upload: Upload,
  ): Promise<AttachmentDto> {
    const file = await this.receive(upload, user);
    const id = await this.options.store.db.transaction(async (tx) => {
      const created = await this.attachments.create(
        { meetingId, itemId: target.itemId ?? null, proposalId: target.proposalId ?? null, file },
        tx,
      );
      await this.options.store.audit.record(
        {
          actorId: user.id,
          action: 'attachment.create',
          subject: `attachment:${created}`,
          detail: { meetingId, name: file.name, sha256: file.sha256, size: file.size },
        },
        tx,
      );
      return created;
    });
    this.afterChange(meetingId, id, 1, file.mime, file.sha256);
    return this.get(id);
  }

  async checkVersion(id: string, user: User): Promise<AttachmentDto> {
    const attachment = await this.get(id);
    if (!canUpload(user)) throw forbidden('Observers may read and download attachments but not add versions.');
    return attachment;
  }

  async addVersion(id: string, user: User, upload: Upload): Promise<AttachmentDto> {
    const attachment = await this.checkVersion(id, user);
    const file = await this.receive(upload, user);
    const version = await this.options.store.db.transaction(async (tx) => {
      const added = await this.attachments.addVersion(id, file, tx);
      await this.options.store.audit.record(
        {
          actorId: user.id,
          action: 'attachment.version',
          subject: `attachment:${id}`,
          detail: { version: added, name: file.name, sha256: file.sha256 },
        },
        tx,
      );
      return added;
    });
    this.afterChange(attachment.meetingId, id, version, file.mime, file.sha256);
    return this.get(id);
  }

  async remove(id: string, user: User): Promise<void> {
    const attachment = await this.get(id);
    if (!canRemove(user, attachment))
      throw forbidden('The secretariat, the chair and whoever added an attachment may remove it.');
    await this.options.store.db.transaction(async (tx) => {
      await this.attachments.remove(id, user.id, tx);
      await this.options.store.audit.record(
        { actorId: user.id, action: 'attachment.remove', subject: `attachment:${id}`, detail: { name: attachment.name } },
        tx,
      );
    });
    this.project(attachment.meetingId, id);
  }

  /** One version's metadata and bytes. */
  async download(
    id: string,
    version?: number,
  ): Promise<{ name: string; mime: string; size: number; stream: Readable; type: FileType }> {
    const attachment = await this.get(id);
    const row = await this.attachments.version(id, version ?? attachment.version);
    if (!row) throw notFound('That version of the attachment');
    const stream = await this.options.files.open(row.sha256);
    if (!stream) throw notFound('The file');
    const inline = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/.test(row.mime);
    return { name: row.name, mime: row.mime, size: Number(row.size), stream, type: { mime: row.mime, ext: '', inline } };
  }

  /** Resolves when every text extraction started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async receive(upload: Upload, user: User) {
    let stored: StoredFile;
    try {
      stored = await this.options.files.put(upload.stream, this.maxBytes);
    } catch (error) {
      upload.stream.resume();
      if (error instanceof FileTooLarge) throw tooLarge(this.maxBytes);
      throw error;
    }
    if (stored.size === 0) {
      if (!(await this.attachments.isReferenced(stored.sha256))) await this.options.files.remove(stored.sha256);
      throw new AppError('FILE_EMPTY', 'The file is empty: there is nothing in it to attach.');
    }
    const sniffed = sniffFileType(stored.head, upload.filename);
    if (!sniffed.ok) {
      if (!(await this.attachments.isReferenced(stored.sha256))) await this.options.files.remove(stored.sha256);
      throw new AppError(
        'FILE_TYPE_REFUSED',
        `This file looks like ${sniffed.reason}. Attach PDF, Word, Excel, PowerPoint, OpenDocument, images (PNG, JPEG, GIF, WebP), Markdown or plain text.`,
      );
    }
    return {
      name: sanitiseFileName(upload.filename, sniffed.type.ext),
      size: stored.size,
      sha256: stored.sha256,
      mime: sniffed.type.mime,
      uploadedBy: user.id,
      inline: sniffed.type.inline,
    };
  }

  private afterChange(meetingId: string, id: string, version: number, mime: string, sha256: string): void {
    this.project(meetingId, id);
    const job = this.indexText(id, version, mime, sha256)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  private async indexText(id: string, version: number, mime: string, sha256: string): Promise<void> {
    if (mime.startsWith('image/') || mime.includes('spreadsheetml') || mime.includes('opendocument.spreadsheet')) return;
    const stream = await this.options.files.open(sha256);
    if (!stream) return;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = await this.options.extractor.extract(mime, new Uint8Array(Buffer.concat(chunks)));
    // The search index follows through its trigger on attachment_versions.
    await this.attachments.setText(id, version, text);
  }

  private project(meetingId: string, id: string): void {
    this.options.live.project(meetingId, LIVE_ATTACHMENTS_MAP, id, () => this.attachments.byId(id));
  }

  private async meeting(meetingId: string) {
    const meeting = await this.options.store.meetings.byId(meetingId);
    if (!meeting) throw notFound('The meeting');
    return meeting;
  }
}

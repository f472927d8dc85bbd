/** Attachments on a meeting, an agenda item or a proposal, with their versions. */
import { type Static, Type } from 'typebox';
import { Id } from './common.ts';

export { ATTACHMENT_LIMITS, LIVE_ATTACHMENTS_MAP } from '../constants/attachments.ts';

export const AttachmentVersionSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  mime: Type.String(),
  uploadedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  uploadedAt: Type.Integer({ description: 'epoch milliseconds' }),
  url: Type.String({ description: 'download path of this version' }),
});
export type AttachmentVersionDto = Static<typeof AttachmentVersionSchema>;

export const AttachmentSchema = Type.Object({
  id: Id,
  meetingId: Id,
  itemId: Type.Union([Type.String(), Type.Null()], { description: 'the agenda item it belongs to' }),
  proposalId: Type.Union([Type.String(), Type.Null()]),
  /** Of the current version: */
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  mime: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  uploadedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  uploadedAt: Type.Integer(),
  createdBy: Type.String({ description: 'who added the attachment first (may remove it)' }),
  url: Type.String({ description: 'download path of the current version' }),
  /** Whether it previews in the page (PDF and raster images). */
  preview: Type.Boolean(),
  versions: Type.Array(AttachmentVersionSchema, { description: 'every version, newest first' }),
});
export type AttachmentDto = Static<typeof AttachmentSchema>;

export const AttachmentListQuery = Type.Object({
  itemId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  proposalId: Type.Optional(Id),
});

export const AttachmentUploadQuery = AttachmentListQuery;

export const AttachmentDownloadQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  inline: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: preview in the page (PDF, images)' }),
  ),
});

/**
 * Which attachments of a public meeting the public may read: those of the meeting and of its
 * agenda items, and those of a proposal only while its own text is public (open for public
 * comment). Anything else answers 404 like a `mag` meeting's, so its existence does not leak.
 */
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import type { PublicProposal } from './publicStore.ts';

export interface PublicAttachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  version: number;
  uploadedAt: number;
  itemId: string | null;
  proposalId: string | null;
}

export function publicAttachments(
  attachments: readonly AttachmentDto[],
  proposals: readonly Pick<PublicProposal, 'id' | 'publicComment'>[],
): PublicAttachment[] {
  const open = new Set(proposals.filter((proposal) => proposal.publicComment).map((proposal) => proposal.id));
  return attachments
    .filter((attachment) => attachment.proposalId === null || open.has(attachment.proposalId))
    .map((attachment) => ({
      id: attachment.id,
      name: attachment.name,
      size: attachment.size,
      mime: attachment.mime,
      sha256: attachment.sha256,
      version: attachment.version,
      uploadedAt: attachment.uploadedAt,
      itemId: attachment.itemId,
      proposalId: attachment.proposalId,
    }));
}

/** "2.4 MB", "312 KB", "900 bytes": a reader's sense of a download's size. */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

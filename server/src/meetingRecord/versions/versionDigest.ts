/**
 * The citable content of a named version of the agenda and its SHA-256: one computation for the
 * public version page (server/src/public) and the meeting pack, so the digest printed in the
 * pack is the one a reader checks on the version's page.
 */
import { createHash } from 'node:crypto';
import { type RichNode, readAgendaItems } from '../../../../shared/agendaItems.ts';
import { agendaDoc } from '../../../../shared/documentNames.ts';
import type { VersionDto } from '../../../../shared/schemas/meetingRecord.ts';
import type { DocumentStore } from '../../collab/documentStore.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';
import { docToJSON } from '../agendaDocument.ts';
import { escapeMarkdown, blocks as markdownBlocks } from '../pack/packMarkdown.ts';
import { annexDetails, buildPack, type PackModel } from '../pack/packModel.ts';
import { documentAt } from './agendaHistory.ts';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export interface VersionContent {
  /** The agenda as it stood at the version. */
  pack: PackModel;
  /** The exported content: what the digest is of. */
  markdown: string;
  sha256: string;
}

export async function versionContent(documents: DocumentStore, meeting: Meeting, version: VersionDto): Promise<VersionContent> {
  const doc = await documentAt(documents, agendaDoc(meeting.id), version.seq);
  const json: RichNode = docToJSON(doc);
  doc.destroy();
  const pack = buildPack(meeting, readAgendaItems(json), []);
  const markdown = versionMarkdown(meeting.id, version, pack);
  return { pack, markdown, sha256: sha256(markdown) };
}

/** The named versions of a meeting's agenda, oldest first, each with its digest (for the pack). */
export async function namedVersionDigests(
  documents: DocumentStore,
  meeting: Meeting,
  versions: readonly VersionDto[],
): Promise<{ name: string; savedAt: number; sha256: string }[]> {
  const named = versions.filter((version) => version.kind === 'named').sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  const out = [];
  // One at a time: each rebuilds a document from the update log.
  for (const version of named) {
    out.push({
      name: version.name,
      savedAt: version.createdAt,
      sha256: (await versionContent(documents, meeting, version)).sha256,
    });
  }
  return out;
}

/**
 * A named version's exported content. It holds only what the version fixed (its name, when, the
 * agenda items as they were), never the meeting's title or dates as they are now, so its digest
 * stays the same for as long as the record exists. An item without a title is named by
 * UNTITLED_IN_DIGEST, one English text whatever the reader's language.
 */
/**
 * What a named version's Markdown says for an item without a title. Its own constant, not the
 * server's translatable `untitledItem`: the digest is of this text, and rewording the interface
 * must not change the digest of a version already cited.
 */
export const UNTITLED_IN_DIGEST = '(untitled item)';

export function versionMarkdown(meetingId: string, version: VersionDto, pack: PackModel): string {
  const out = [
    `# Agenda version “${escapeMarkdown(version.name)}”`,
    '',
    `Meeting: ${meetingId}`,
    `Version: ${version.id}`,
    `Saved: ${new Date(version.createdAt).toISOString()}`,
    '',
  ];
  for (const item of pack.items) {
    out.push(
      `${item.level === 0 ? '##' : '###'} ${item.number}. ${escapeMarkdown(item.title.trim() ? item.title : UNTITLED_IN_DIGEST)}`,
      '',
    );
    const details = annexDetails(item);
    if (details) out.push(escapeMarkdown(details), '');
    out.push(...markdownBlocks(item.notes), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

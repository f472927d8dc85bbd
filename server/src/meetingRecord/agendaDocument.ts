/**
 * Reading the agenda document on the server: the state in the store (snapshot and log) as a
 * Y.Doc, as ProseMirror JSON, or as its structured agenda items.
 */
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { type AgendaItemRecord, type RichNode, readAgendaItems } from '../../../shared/agendaItems.ts';
import { agendaDoc, RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import { toStorableValue } from '../../../shared/storableText.ts';
import type { DocumentStore } from '../collab/documentStore.ts';

let schema: Schema | undefined;

/** The rich-text schema, built once. */
export function richTextSchema(): Schema {
  schema ??= getSchema(richTextExtensions());
  return schema;
}

/** The document as stored now: its snapshot and every log row not yet folded into it. */
export async function loadStoredDoc(documents: DocumentStore, name: string): Promise<Y.Doc> {
  const stored = await documents.load(name);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(doc, update.data);
      } catch {
        // The collab server logs and skips the same row when it loads the document.
      }
    }
  });
  return doc;
}

/**
 * ProseMirror JSON of a rich-text Y.Doc, read through the schema (unknown nodes are dropped), its
 * text storable: a document stored before live updates were checked for unstorable text may hold
 * a NUL or (in a mark's attributes, which Yjs keeps as JSON) a lone surrogate, and everything the
 * server makes of a stored document (the pack in every format, the agenda items' JSON, the public
 * pages, the search index, a copied agenda) reads it here; each such character becomes U+FFFD.
 */
export function docToJSON(doc: Y.Doc): RichNode {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  try {
    return toStorableValue(yXmlFragmentToProseMirrorRootNode(fragment, richTextSchema()).toJSON() as RichNode);
  } catch {
    return { type: 'doc', content: [] };
  }
}

/** The agenda of a meeting as ProseMirror JSON, and its items. */
export async function readAgenda(
  documents: DocumentStore,
  meetingId: string,
): Promise<{ json: RichNode; items: AgendaItemRecord[] }> {
  const doc = await loadStoredDoc(documents, agendaDoc(meetingId));
  const json = docToJSON(doc);
  doc.destroy();
  return { json, items: readAgendaItems(json) };
}

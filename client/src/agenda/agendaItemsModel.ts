/**
 * The structured agenda items of the co-edited agenda, read from and written to its Y.Doc
 * directly (the editor follows: it renders whatever the document holds). Reading and writing
 * here keeps the day view and the item details independent of the editor's selection.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import {
  AGENDA_ITEM_DEFAULTS,
  type AgendaItemAttrs,
  fullNumbers,
  normaliseAgendaItemAttrs,
  numberAgendaItems,
} from '../../../shared/agendaItems.ts';
import { RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';

export interface AgendaItemView extends AgendaItemAttrs {
  id: string;
  number: string;
  fullNumber: string;
  title: string;
}

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  return (node.toArray() as (Y.XmlElement | Y.XmlText)[]).map(textOf).join('');
}

function itemElements(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment(RICH_TEXT_FIELD)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'agendaItem');
}

/** The items of the agenda, numbered, in document order (items without an id are left out). */
export function readItems(doc: Y.Doc): AgendaItemView[] {
  const elements = itemElements(doc);
  const attrs = elements.map((element) => normaliseAgendaItemAttrs(element.getAttributes() as Record<string, unknown>));
  const levels = attrs.map((a) => a.level);
  const numbers = numberAgendaItems(levels);
  const full = fullNumbers(levels);
  return elements
    .map((element, index) => {
      const title = element.get(0);
      return {
        ...attrs[index]!,
        id: attrs[index]!.id ?? '',
        number: numbers[index]!,
        fullNumber: full[index]!,
        title: title instanceof Y.XmlElement ? textOf(title).trim() : '',
      };
    })
    .filter((item) => item.id !== '');
}

/** The agenda's items, re-read whenever the document changes. */
export function useAgendaItems(doc: Y.Doc | null | undefined): AgendaItemView[] {
  const [items, setItems] = useState<AgendaItemView[]>([]);
  useEffect(() => {
    if (!doc) return;
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    const update = () => setItems(readItems(doc));
    update();
    fragment.observeDeep(update);
    return () => fragment.unobserveDeep(update);
  }, [doc]);
  return items;
}

function elementById(doc: Y.Doc, id: string): Y.XmlElement | undefined {
  return itemElements(doc).find((element) => element.getAttribute('id') === id);
}

/** Sets attributes of an item in one transaction (null removes one). */
export function updateItem(doc: Y.Doc, id: string, changes: Partial<AgendaItemAttrs>): void {
  const element = elementById(doc, id);
  if (!element) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') element.removeAttribute(key);
      else element.setAttribute(key, value as string);
    }
  });
}

export function newItemId(): string {
  return crypto.randomUUID();
}

/**
 * Adds an item after `afterId` (or at the end), its title empty to type in the document. Returns its id.
 * No default title: the document is shared, and words typed here would be in the creator's language for
 * every reader; an empty title reads as untitled in each reader's language (see itemTitle.ts).
 */
export function insertItem(doc: Y.Doc, afterId?: string, attrs: Partial<AgendaItemAttrs> = {}): string {
  const id = newItemId();
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const after = afterId ? elementById(doc, afterId) : undefined;
  const index = after ? fragment.toArray().indexOf(after) + 1 : fragment.length;
  const element = new Y.XmlElement('agendaItem');
  const values = { ...AGENDA_ITEM_DEFAULTS, day: after ? Number(after.getAttribute('day') ?? 1) : 1, ...attrs, id };
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== '') element.setAttribute(key, value as string);
  const heading = new Y.XmlElement('agendaItemTitle');
  const notes = new Y.XmlElement('paragraph');
  element.insert(0, [heading, notes]);
  fragment.insert(index, [element]);
  return id;
}

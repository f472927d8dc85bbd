/** Reading the meeting record's files back in tests: DOCX text, iCalendar events, agenda items of a Y.Doc. */
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../shared/documentNames.ts';

/** The paragraphs of a DOCX file's body, as text (opens the zip and reads word/document.xml). */
export function docxParagraphs(data: Uint8Array): string[] {
  const files = unzipSync(data);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('not a DOCX: no word/document.xml');
  const body = strFromU8(xml);
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((paragraph) =>
    [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((run) => (run[1] === undefined ? '\n' : decode(run[1])))
      .join(''),
  );
}

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  allDay: boolean;
}

/** Parses iCalendar text with ical.js (throws on invalid data) and returns its events. */
export function icalEvents(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error('not a VCALENDAR');
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
    };
  });
}

/** The agenda item elements of a rich-text Y.Doc, by id. */
export function agendaItemElements(doc: Y.Doc): Map<string, Y.XmlElement> {
  const items = new Map<string, Y.XmlElement>();
  for (const node of doc.getXmlFragment(RICH_TEXT_FIELD).toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === 'agendaItem') items.set(String(node.getAttribute('id')), node);
  }
  return items;
}

/** The XmlText of an agenda item's title. */
export function titleText(item: Y.XmlElement): Y.XmlText {
  const title = item.get(0) as Y.XmlElement;
  return title.get(0) as Y.XmlText;
}

/** Appends a paragraph to an agenda item's notes; `marks` become the text's formatting. */
export function appendNote(item: Y.XmlElement, text: string, marks?: Record<string, unknown>): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  content.insert(0, text, marks);
  paragraph.insert(0, [content]);
  item.insert(item.length, [paragraph]);
  return content;
}

/**
 * Appends an agenda item as the board adds one, its title empty ("(untitled item)" wherever it is
 * named), with a note if given; returns a function that removes it again.
 */
export function appendUntitledItem(doc: Y.Doc, id: string, note?: string): () => void {
  return appendItem(doc, id, '', note);
}

/** Appends an agenda item on day 3 with its title and a note if given; returns a function that removes it again. */
export function appendItem(doc: Y.Doc, id: string, title: string, note?: string): () => void {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const item = new Y.XmlElement('agendaItem');
  for (const [key, value] of Object.entries({ id, level: 0, day: 3, duration: 15 })) item.setAttribute(key, value as never);
  const heading = new Y.XmlElement('agendaItemTitle');
  item.insert(0, [heading, new Y.XmlElement('paragraph')]);
  fragment.insert(fragment.length, [item]);
  if (title) heading.insert(0, [new Y.XmlText(title)]);
  if (note) appendNote(item, note);
  return () => fragment.delete(fragment.toArray().indexOf(item), 1);
}

/**
 * Where a part of a file is not well-formed XML (a tag closing another than the last opened, one left
 * open, a bare `<` or `&` in text); empty when it is. Enough to catch text that was not escaped, with no XML library.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = xml.replace(/^\s*<\?xml[^>]*\?>/, '');
  const token =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  for (const match of body.matchAll(token)) {
    const [whole, close, name, , selfClosing] = match;
    if (!name) problems.push(`a bare ${whole} at ${match.index}`);
    else if (close) {
      const top = open.pop();
      if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}> at ${match.index}`);
    } else if (!selfClosing) open.push(name);
  }
  if (open.length) problems.push(`left open: ${open.join(', ')}`);
  return problems;
}

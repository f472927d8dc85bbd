/**
 * The rich-text schema of every collaborative document (agenda, proposal bodies), shared by the
 * editor in the browser and by the server, which seeds documents and renders them for exports.
 */
import { type AnyExtension, Extension, mergeAttributes, Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { AGENDA_ITEM_DEFAULTS, type AgendaItemAttrs } from './agendaItems.ts';

/** Link targets allowed in documents; anything else (javascript:, data:) is not a link. */
export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href, 'https://placeholder.invalid/');
    return SAFE_LINK_PROTOCOLS.some((protocol) => url.protocol === `${protocol}:`);
  } catch {
    return false;
  }
}

/** The part of an HTML element that parsing reads (shared/ has no DOM types). */
type ParsedElement = { getAttribute(name: string): string | null };

type AttributeSpec = {
  default: unknown;
  parseHTML: (element: ParsedElement) => unknown;
  renderHTML: (attributes: Record<string, unknown>) => Record<string, string>;
};

function dataAttribute(name: keyof AgendaItemAttrs, kind: 'string' | 'number' | 'nullable'): AttributeSpec {
  const html = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return {
    default: AGENDA_ITEM_DEFAULTS[name],
    parseHTML: (element) => {
      const value = element.getAttribute(html);
      if (value === null) return AGENDA_ITEM_DEFAULTS[name];
      if (kind === 'number') return Number.isFinite(Number(value)) ? Number(value) : AGENDA_ITEM_DEFAULTS[name];
      return value;
    },
    renderHTML: (attributes) => {
      const value = attributes[name];
      return value === null || value === undefined || value === '' ? {} : { [html]: String(value) };
    },
  };
}

/**
 * An item of a structured agenda: a block with its title first and then the notes and decisions
 * taken under it (any blocks), co-edited like the rest of the document. Its attributes carry the
 * schedule and the links; the number is not stored but follows from the item's place (see
 * `numberAgendaItems`), so that moving an item renumbers everything.
 */
export const AgendaItem = Node.create({
  name: 'agendaItem',
  group: 'block',
  // Items do not nest: a sub-item (6.a) is an item of level 1 that follows its parent.
  content: 'agendaItemTitle (paragraph | heading | bulletList | orderedList | blockquote | codeBlock | horizontalRule)*',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      id: dataAttribute('id', 'nullable'),
      level: dataAttribute('level', 'number'),
      day: dataAttribute('day', 'number'),
      start: dataAttribute('start', 'string'),
      duration: dataAttribute('duration', 'number'),
      presenter: dataAttribute('presenter', 'string'),
      expectedOutput: dataAttribute('expectedOutput', 'string'),
      proposalId: dataAttribute('proposalId', 'nullable'),
      pollId: dataAttribute('pollId', 'nullable'),
    };
  },
  parseHTML() {
    return [{ tag: 'section[data-agenda-item]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes({ 'data-agenda-item': '', class: 'agenda-item' }, HTMLAttributes), 0];
  },
});

/** The title of an agenda item: one line of text, the first child of every item. */
export const AgendaItemTitle = Node.create({
  name: 'agendaItemTitle',
  content: 'text*',
  marks: 'bold italic',
  defining: true,
  parseHTML() {
    return [{ tag: 'h4[data-agenda-item-title]', priority: 60 }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['h4', mergeAttributes({ 'data-agenda-item-title': '', class: 'agenda-item__title' }, HTMLAttributes), 0];
  },
});

/**
 * Every block people type takes its direction from its own text (`dir="auto"`): an Arabic
 * paragraph lays out right to left on an English page and an English one left to right on an
 * Arabic page, caret and selection included. Rendered only: the attribute defaults to null, which
 * the collaborative document never stores, so documents are unchanged.
 */
export const TextDirection = Extension.create({
  // Not 'textDirection': Tiptap's core has an extension of that name (one direction for the whole
  // editor, off unless the editor is given one), and two extensions of one name draw its warning.
  name: 'autoTextDirection',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading', 'agendaItemTitle', 'blockquote', 'codeBlock'],
        attributes: {
          dir: { default: null, parseHTML: () => null, renderHTML: () => ({ dir: 'auto' }) },
        },
      },
    ];
  },
});

export function richTextExtensions(): AnyExtension[] {
  return [
    TextDirection,
    AgendaItem,
    AgendaItemTitle,
    StarterKit.configure({
      // Collaboration brings its own undo, which only undoes one's own changes.
      undoRedo: false,
      // The page's own headings are h1 (the meeting) and h2 (the view); a document nests below.
      heading: { levels: [3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        // No `protocols`: http, https and mailto are linkify's own schemes, and registering them again
        // at each editor's start only drew linkify's "already initialized" warning. Which links are
        // kept is decided here, by the same check as everywhere else.
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
  ];
}

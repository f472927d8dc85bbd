/**
 * The caret and selection of an editor rebuilt on a new copy of the same document: Reconnect and
 * the reopening by itself after a busy server (useCollabDocument's `reopen`) make a new Y.Doc, a
 * new provider and so a new editor, whose caret started at the top of the text. Kept as Yjs
 * relative positions, which name the characters the caret stood by rather than a count from the
 * start, they resolve by the same text in the new copy, whatever it has or lacks before them (the
 * change the server refused is dropped; others' edits come in).
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { type ProsemirrorMapping, positionNow, stickyPosition } from '../../../shared/commentAnchors.ts';

/** Meta of the transaction that puts a kept selection back (not the person moving the caret). */
export const KEPT_SELECTION = 'keptSelection';

export interface KeptSelection {
  /** The document's name: kept for a new copy of this document only, never another one. */
  document: string;
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
  /** The editor had the keyboard's focus. */
  focused: boolean;
}

/** The fragment the editor renders and how it maps to ProseMirror, once the binding has rendered it. */
function binding(editor: Editor): { type: Y.XmlFragment; mapping: ProsemirrorMapping } | null {
  const state = ySyncPluginKey.getState(editor.state) as
    | { type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } | null }
    | undefined;
  if (!state?.type || !state.binding || state.binding.mapping.size === 0) return null;
  return { type: state.type, mapping: state.binding.mapping };
}

/** The editor's selection as relative positions; null when there is nothing to keep. */
export function keepSelection(editor: Editor, document: string): KeptSelection | null {
  const bound = binding(editor);
  if (!bound) return null;
  const { anchor, head, empty } = editor.state.selection;
  try {
    // A caret sticks to the character before it, as the caret one types at does; a selection's
    // ends to the characters inside it.
    const stick = (pos: number, other: number) => stickyPosition(bound.type, bound.mapping, pos, empty || pos > other ? -1 : 0);
    return { document, anchor: stick(anchor, head), head: stick(head, anchor), focused: editor.view.hasFocus() };
  } catch {
    return null; // a shape y-tiptap does not follow: the caret starts at the top, as before
  }
}

/**
 * Puts a kept selection back once the editor's document holds the characters it names. False
 * while it does not (the new copy has not arrived yet): try again after the next change.
 */
export function restoreSelection(editor: Editor, kept: KeptSelection): boolean {
  const bound = binding(editor);
  if (!bound || editor.isDestroyed) return false;
  const anchor = positionNow(bound.type, bound.mapping, kept.anchor);
  const head = positionNow(bound.type, bound.mapping, kept.head);
  const { doc } = editor.state;
  if (anchor === null || head === null || Math.max(anchor, head) > doc.content.size) return false;
  const selection = TextSelection.between(doc.resolve(anchor), doc.resolve(head));
  editor.view.dispatch(editor.state.tr.setSelection(selection).setMeta(KEPT_SELECTION, true));
  return true;
}

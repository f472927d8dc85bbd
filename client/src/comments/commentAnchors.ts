/**
 * The editor side of anchored threads: a Tiptap extension that highlights each open thread's
 * passage (and the passage being commented on), tells which passage was clicked, and offers a
 * keyboard shortcut to comment on the selection. Passages are found again from the threads' Yjs
 * relative positions whenever the document changes remotely, and mapped through local edits in
 * between, so highlights follow the text as everyone edits.
 */
import { type Editor, Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { anchorOfRange, type ProsemirrorMapping, passageText, resolveAnchor } from '../../../shared/commentAnchors.ts';
import type { Anchor } from '../../../shared/schemas/comments.ts';

export interface AnchoredThread {
  id: string;
  anchor: Anchor;
  resolved: boolean;
}

export type Range = { from: number; to: number };

interface AnchorsState {
  threads: AnchoredThread[];
  activeId: string | null;
  pending: Range | null;
  /** Where each anchored thread's passage is now; null when it was deleted. */
  ranges: Map<string, Range | null>;
  decorations: DecorationSet;
}

interface AnchorsMeta {
  threads?: AnchoredThread[];
  activeId?: string | null;
  pending?: Range | null;
  recompute?: boolean;
}

export const commentAnchorsKey = new PluginKey<AnchorsState>('commentAnchors');

interface Binding {
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

function bindingOf(state: EditorState): Binding | null {
  const ystate = ySyncPluginKey.getState(state) as
    | { type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } | null }
    | undefined;
  if (!ystate?.type || !ystate.binding || ystate.binding.mapping.size === 0) return null;
  return { type: ystate.type, mapping: ystate.binding.mapping };
}

function decorate(state: EditorState, value: Omit<AnchorsState, 'decorations'>): DecorationSet {
  const decorations: Decoration[] = [];
  const size = state.doc.content.size;
  for (const thread of value.threads) {
    const range = value.ranges.get(thread.id);
    const active = thread.id === value.activeId;
    if (!range || (thread.resolved && !active) || range.to > size) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: active ? 'comment-anchor comment-anchor--active' : 'comment-anchor',
        'data-thread-id': thread.id,
      }),
    );
  }
  if (value.pending && value.pending.to <= size && value.pending.from < value.pending.to) {
    decorations.push(
      Decoration.inline(value.pending.from, value.pending.to, { class: 'comment-anchor comment-anchor--pending' }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

function resolveAll(state: EditorState, threads: AnchoredThread[]): Map<string, Range | null> {
  const ranges = new Map<string, Range | null>();
  const binding = bindingOf(state);
  // Until the editor shows the Yjs document, nothing is known: no entry rather than "deleted".
  if (!binding) return ranges;
  for (const thread of threads) {
    let range: Range | null = null;
    try {
      range = resolveAnchor(binding.type, binding.mapping, thread.anchor);
    } catch {
      range = null; // an anchor from elsewhere, or garbage: the thread shows its quote
    }
    ranges.set(thread.id, range);
  }
  return ranges;
}

function build(state: EditorState, value: Omit<AnchorsState, 'decorations' | 'ranges'>): AnchorsState {
  const ranges = resolveAll(state, value.threads);
  return { ...value, ranges, decorations: decorate(state, { ...value, ranges }) };
}

export interface CommentAnchorsOptions {
  /** Someone clicked a highlighted passage. */
  onActivate: (threadId: string) => void;
  /** Someone asked to comment on the selection (Mod-Alt-M). */
  onCommentRequest: () => void;
}

export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: 'commentAnchors',

  addOptions() {
    return { onActivate: () => {}, onCommentRequest: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        this.options.onCommentRequest();
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    let timer: ReturnType<typeof setTimeout> | null = null;
    return [
      new Plugin<AnchorsState>({
        key: commentAnchorsKey,
        state: {
          init: (_, state) => build(state, { threads: [], activeId: null, pending: null }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(commentAnchorsKey) as AnchorsMeta | undefined;
            const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
            if (meta || (tr.docChanged && remote)) {
              return build(state, {
                threads: meta?.threads ?? value.threads,
                activeId: meta?.activeId !== undefined ? meta.activeId : value.activeId,
                pending: meta?.pending !== undefined ? meta.pending : value.pending && mapRange(value.pending, tr.mapping),
              });
            }
            if (!tr.docChanged) return value;
            // A local edit: Yjs catches up right after; until then, follow the edit.
            const ranges = new Map<string, Range | null>();
            for (const [id, range] of value.ranges) ranges.set(id, range && mapRange(range, tr.mapping));
            return {
              ...value,
              ranges,
              pending: value.pending && mapRange(value.pending, tr.mapping),
              decorations: value.decorations.map(tr.mapping, tr.doc),
            };
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const value = commentAnchorsKey.getState(view.state);
            const hit = value?.threads.find((thread) => {
              const range = value.ranges.get(thread.id);
              return range && !thread.resolved && range.from <= pos && pos <= range.to;
            });
            if (hit) options.onActivate(hit.id);
            return false;
          },
        },
        view: () => ({
          update: (view, previous) => {
            if (view.state.doc === previous.doc) return;
            const remote = (ySyncPluginKey.getState(view.state) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
            if (remote) return;
            // After a local edit, find every passage again from Yjs (which now has the edit).
            if (timer) clearTimeout(timer);
            timer = setTimeout(() => {
              timer = null;
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(commentAnchorsKey, { recompute: true }));
            }, 150);
          },
          destroy: () => {
            if (timer) clearTimeout(timer);
          },
        }),
      }),
    ];
  },
});

function mapRange(range: Range, mapping: { map: (pos: number, assoc?: number) => number }): Range | null {
  const from = mapping.map(range.from, 1);
  const to = mapping.map(range.to, -1);
  return from < to ? { from, to } : null;
}

/** Tells the editor's highlights which threads there are, which is active and what is being commented on. */
export function setAnchorsState(editor: Editor, meta: AnchorsMeta): void {
  // Still a race here: useEditor's own effect may destroy the editor (its document changed) in the
  // commit whose later effects, the comment hook's, call this with the editor they rendered with.
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, meta));
}

export function anchorRanges(editor: Editor): Map<string, Range | null> {
  return commentAnchorsKey.getState(editor.state)?.ranges ?? new Map();
}

/** The selection as an anchor with its quote, or null when nothing is selected (or the editor is not bound yet). */
export function anchorOfSelection(editor: Editor, maxQuote: number): { anchor: Anchor; range: Range } | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  return anchorOfPassage(editor, { from, to }, maxQuote);
}

export function anchorOfPassage(editor: Editor, range: Range, maxQuote: number): { anchor: Anchor; range: Range } | null {
  const binding = bindingOf(editor.state);
  if (!binding) return null;
  // Cut by code points, never inside a surrogate pair.
  const quote = Array.from(passageText(editor.state.doc, range.from, range.to))
    .slice(0, maxQuote)
    .join('');
  if (!quote.trim()) return null;
  return { anchor: anchorOfRange(binding.type, binding.mapping, range.from, range.to, quote), range };
}

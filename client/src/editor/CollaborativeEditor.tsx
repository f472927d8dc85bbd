/**
 * A rich-text editor on a collaborative document: Tiptap with Yjs (Collaboration) and the
 * others' named, coloured carets (CollaborationCaret). Read-only when the server says so.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { type AnyExtension, getSchema, type JSONContent } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { Transaction } from '@tiptap/pm/state';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import { ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { colorFor } from '../../../shared/presence.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { KEPT_SELECTION, type KeptSelection, keepSelection, restoreSelection } from './keptSelection.ts';
import { TabKeys, ToolbarShortcut } from './keyboard.ts';
import { StorablePaste } from './storablePaste.ts';

/** Pixels between the caret and the window's edge (or the sticky bar) when the editor scrolls it into view. */
const SCROLL_MARGIN = 8;

export interface CollaborativeEditorProps {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  user: PublicUser;
  editable: boolean;
  /** Accessible name of the editing area. */
  label: string;
  /** Id of an element that describes the editor (for example the read-only notice). */
  describedBy?: string;
  /** More Tiptap extensions for this editor (comment highlights, agenda blocks' views). */
  extensions?: AnyExtension[];
  /** Rendered after the editing area, with the editor (comment controls and the like). */
  renderExtras?: (editor: Editor) => ReactNode;
  /**
   * Shown in the bar at the top of the editor, above the formatting toolbar, which stays in view
   * while one edits far down a long document (the connection state).
   */
  status?: ReactNode;
}

/**
 * The document as it already is, for the editor to start from. Started empty, its caret sat in an
 * empty paragraph at position 1, and the collaboration binding's first render (which keeps the
 * caret's position) put it inside an agenda item, between blocks: ProseMirror warned "TextSelection
 * endpoint not pointing into a node with inline content (agendaItem)" each time an agenda opening
 * on an item loaded. Started from the same text, the caret is in the first line of text.
 */
function initialContent(doc: Y.Doc, extensions: AnyExtension[]): JSONContent | undefined {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  if (fragment.length === 0) return undefined;
  try {
    return yXmlFragmentToProseMirrorRootNode(fragment, getSchema(extensions)).toJSON() as JSONContent;
  } catch {
    // The binding renders what it can of a document this schema does not fully read; so will the editor.
    return undefined;
  }
}

export function CollaborativeEditor({
  doc,
  provider,
  user,
  editable,
  label,
  describedBy,
  extensions = [],
  renderExtras,
  status,
}: CollaborativeEditorProps) {
  const { t } = useTranslation();
  const toolbarRef = useRef<HTMLDivElement>(null);
  // The text's description: why it is read-only, or how to reach the toolbar and come back.
  const hintId = useId();
  const description = [describedBy, editable ? hintId : undefined].filter(Boolean).join(' ');
  const bar = useRef<HTMLDivElement>(null);
  // ProseMirror keeps the caret this far from the window's edges when it scrolls it into view,
  // reading these at each scroll: below the sticky bar at the top, above the bar of buttons fixed
  // at the bottom on a narrow screen (the comments and tools), so that neither covers the caret.
  const [scrollMargin] = useState(() => ({
    get top() {
      return (bar.current?.getBoundingClientRect().height ?? 0) + SCROLL_MARGIN;
    },
    get bottom() {
      const fixed = document.querySelector('.sheet-bar');
      return (fixed ? Math.max(0, window.innerHeight - fixed.getBoundingClientRect().top) : 0) + SCROLL_MARGIN;
    },
    left: SCROLL_MARGIN,
    right: SCROLL_MARGIN,
  }));
  // Read once per editor (the editor is made anew for a new document or provider), not on each render.
  const start = useRef<{ doc: Y.Doc; provider: HocuspocusProvider; content: JSONContent | undefined } | null>(null);
  if (start.current?.doc !== doc || start.current.provider !== provider)
    start.current = { doc, provider, content: initialContent(doc, [...richTextExtensions(), ...extensions]) };
  const editor = useEditor(
    {
      content: start.current.content,
      extensions: [
        ...richTextExtensions(),
        ...extensions,
        TabKeys,
        StorablePaste,
        ToolbarShortcut.configure({
          focusToolbar: () => {
            const button = toolbarRef.current?.querySelector<HTMLElement>('[tabindex="0"]');
            button?.focus();
            return Boolean(button);
          },
        }),
        Collaboration.configure({ document: doc, field: RICH_TEXT_FIELD }),
        // An empty document says what to do next instead of showing a blank box.
        Placeholder.configure({ placeholder: editable ? t('editor.placeholder') : t('editor.emptyReadOnly') }),
        // The server stamps the same identity on what others see; this is what the page shows itself.
        CollaborationCaret.configure({
          provider,
          user: { id: user.id, name: user.name, color: colorFor(user.id), role: user.role },
        }),
      ],
      editable,
      editorProps: {
        scrollMargin,
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          ...(description ? { 'aria-describedby': description } : {}),
          'aria-readonly': String(!editable),
          class: 'editor__content',
        },
      },
    },
    [doc, provider],
  );

  // The caret of the editor this one replaces on a new copy of the same document (a reopening:
  // keptSelection.ts), taken as it is destroyed: useEditor destroys it in its effect, after this
  // component has rendered with the new document and before it makes the new editor.
  const kept = useRef<KeptSelection | null>(null);
  // Whether the text had the keyboard's focus when it was made read-only (the server closed the
  // document). No longer editable, ProseMirror's element loses the focus to the page, so by the time
  // the editor is replaced on the reopening it has none: the caret was put back, but the keyboard was
  // left on the page and what the person typed next went nowhere.
  const focusedWhenLocked = useRef(false);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const name = start.current?.provider.configuration.name;
    const keep = () => {
      const selection = name ? keepSelection(editor, name) : null;
      kept.current = selection && focusedWhenLocked.current ? { ...selection, focused: true } : selection;
      focusedWhenLocked.current = false;
    };
    editor.on('destroy', keep);
    return () => {
      editor.off('destroy', keep);
    };
  }, [editor]);
  // ...put back once the new copy holds the text it names (from the local copy or the server's),
  // unless the person has moved the caret or typed first.
  useEffect(() => {
    const saved = kept.current;
    if (!editor || editor.isDestroyed || !saved) return;
    kept.current = null;
    if (saved.document !== provider.configuration.name) return;
    const stop = () => {
      editor.off('transaction', onTransaction);
      provider.off('synced', onSynced);
    };
    const attempt = () => {
      if (!restoreSelection(editor, saved)) return false;
      stop();
      // Back where it was typing when the document opened again by itself (Reconnect hands the focus over itself).
      if (saved.focused && document.activeElement === document.body) editor.commands.focus();
      return true;
    };
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (transaction.getMeta(KEPT_SELECTION)) return;
      const fromYjs = (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
      if (!fromYjs && (transaction.selectionSet || transaction.docChanged)) stop();
      else attempt();
    };
    // Synced and still not there: the text it stood by is gone (or was the refused change).
    const onSynced = ({ state }: { state: boolean }) => {
      if (state && !attempt()) stop();
    };
    editor.on('transaction', onTransaction);
    provider.on('synced', onSynced);
    if (!attempt() && provider.isSynced) stop();
    return stop;
  }, [editor, provider]);

  useEffect(() => {
    // This reads useEditor's editor directly, not through the comments' guard, and can still meet a
    // destroyed one: useEditor's own effect, which runs just before this one, replaces the editor
    // it rendered when the document changes or when that first editor was destroyed before mounting.
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) {
      focusedWhenLocked.current = !editable && editor.view.hasFocus();
      editor.setEditable(editable);
      editor.view.dom.setAttribute('aria-readonly', String(!editable));
    }
    if (description) editor.view.dom.setAttribute('aria-describedby', description);
    else editor.view.dom.removeAttribute('aria-describedby');
  }, [editor, editable, description]);

  // The browser moves the caret itself on ArrowUp, ArrowDown and the page keys, and scrolls to it
  // clear of the page's scroll padding: the top one follows the bar's height (styles.css has the bottom one).
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingBlockStart = `${element.getBoundingClientRect().height + SCROLL_MARGIN}px`;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBlockStart = '';
    };
  }, []);

  return (
    <div className="editor">
      <div className="editor__bar" ref={bar}>
        {status}
        {editor && editable && <EditorToolbar editor={editor} ref={toolbarRef} />}
      </div>
      {editable && (
        <p id={hintId} className="sr-only">
          {t('editor.keyboardHint')}
        </p>
      )}
      {editor ? <EditorContent editor={editor} /> : <p className="editor__loading">{t('editor.loading')}</p>}
      {editor && renderExtras?.(editor)}
    </div>
  );
}

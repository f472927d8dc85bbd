/**
 * A rich-text editor on a collaborative document: Tiptap with Yjs (Collaboration) and the
 * others' named, coloured carets (CollaborationCaret). Read-only when the server says so.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { colorFor } from '../../../shared/presence.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { EditorToolbar } from './EditorToolbar.tsx';

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
}: CollaborativeEditorProps) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      extensions: [
        ...richTextExtensions(),
        ...extensions,
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
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          'aria-readonly': String(!editable),
          class: 'editor__content',
        },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    // This reads useEditor's editor directly, not through the comments' guard, and can still meet a
    // destroyed one: useEditor's own effect, which runs just before this one, replaces the editor
    // it rendered when the document changes or when that first editor was destroyed before mounting.
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) {
      editor.setEditable(editable);
      editor.view.dom.setAttribute('aria-readonly', String(!editable));
    }
  }, [editor, editable]);

  if (!editor) return <p>{t('editor.loading')}</p>;
  return (
    <div className="editor">
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
      {renderExtras?.(editor)}
    </div>
  );
}

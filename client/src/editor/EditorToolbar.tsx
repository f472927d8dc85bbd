/**
 * Formatting buttons. A WAI-ARIA toolbar: one tab stop (roving tabindex: the button last
 * focused), arrow keys, Home and End move between buttons, each button says whether its format
 * is on (aria-pressed). Alt+F10 in the text comes here (`ToolbarShortcut`), Escape goes back to
 * the text where the caret was.
 */
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { type KeyboardEvent, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Tool {
  key: string;
  /** Shown as the button's text: a visible word is also its accessible name. */
  label: string;
  run: () => void;
  active?: boolean;
}

export function EditorToolbar({ editor, ref }: { editor: Editor; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  /** The toolbar's one tab stop: the button last focused, the first at the start. */
  const [current, setCurrent] = useState(0);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
    }),
  });
  const chain = () => editor.chain().focus();
  const tools: Tool[] = [
    { key: 'bold', label: t('editor.bold'), run: () => chain().toggleBold().run(), active: state.bold },
    { key: 'italic', label: t('editor.italic'), run: () => chain().toggleItalic().run(), active: state.italic },
    { key: 'heading', label: t('editor.heading'), run: () => chain().toggleHeading({ level: 3 }).run(), active: state.h3 },
    { key: 'subheading', label: t('editor.subheading'), run: () => chain().toggleHeading({ level: 4 }).run(), active: state.h4 },
    { key: 'bullet', label: t('editor.bulletList'), run: () => chain().toggleBulletList().run(), active: state.bullet },
    { key: 'ordered', label: t('editor.orderedList'), run: () => chain().toggleOrderedList().run(), active: state.ordered },
    { key: 'undo', label: t('editor.undo'), run: () => chain().undo().run() },
    { key: 'redo', label: t('editor.redo'), run: () => chain().redo().run() },
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      // Back to the text, with the caret (or selection) the editor kept while the toolbar had the focus.
      event.preventDefault();
      event.stopPropagation();
      editor.commands.focus();
      return;
    }
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -index, End: buttons.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[(index + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-keyshortcuts="Alt+F10"
      ref={ref}
      onKeyDown={onKeyDown}
    >
      {tools.map((tool, index) => (
        <button
          key={tool.key}
          type="button"
          className="toolbar__button"
          aria-pressed={tool.active === undefined ? undefined : tool.active}
          tabIndex={index === current ? 0 : -1}
          onFocus={() => setCurrent(index)}
          onClick={tool.run}
        >
          {tool.label}
        </button>
      ))}
    </div>
  );
}

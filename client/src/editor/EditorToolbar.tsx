/**
 * Formatting buttons. A WAI-ARIA toolbar: one tab stop, arrow keys move between buttons,
 * each button says whether its format is on (aria-pressed).
 */
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Tool {
  key: string;
  label: string;
  glyph: string;
  run: () => void;
  active?: boolean;
}

export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
    }),
  });
  const chain = () => editor.chain().focus();
  const tools: Tool[] = [
    { key: 'bold', label: t('editor.bold'), glyph: 'B', run: () => chain().toggleBold().run(), active: state.bold },
    { key: 'italic', label: t('editor.italic'), glyph: 'I', run: () => chain().toggleItalic().run(), active: state.italic },
    { key: 'h2', label: t('editor.heading2'), glyph: 'H2', run: () => chain().toggleHeading({ level: 2 }).run(), active: state.h2 },
    { key: 'h3', label: t('editor.heading3'), glyph: 'H3', run: () => chain().toggleHeading({ level: 3 }).run(), active: state.h3 },
    { key: 'bullet', label: t('editor.bulletList'), glyph: '•', run: () => chain().toggleBulletList().run(), active: state.bullet },
    { key: 'ordered', label: t('editor.orderedList'), glyph: '1.', run: () => chain().toggleOrderedList().run(), active: state.ordered },
    { key: 'undo', label: t('editor.undo'), glyph: '↶', run: () => chain().undo().run() },
    { key: 'redo', label: t('editor.redo'), glyph: '↷', run: () => chain().redo().run() },
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -index, End: buttons.length - 1 - index }[
      event.key
    ];
    if (step === undefined) return;
    event.preventDefault();
    buttons[(index + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')} ref={ref} onKeyDown={onKeyDown}>
      {tools.map((tool, index) => (
        <button
          key={tool.key}
          type="button"
          className="toolbar__button"
          aria-label={tool.label}
          title={tool.label}
          aria-pressed={tool.active === undefined ? undefined : tool.active}
          tabIndex={index === 0 ? 0 : -1}
          onClick={tool.run}
        >
          <span aria-hidden="true">{tool.glyph}</span>
        </button>
      ))}
    </div>
  );
}

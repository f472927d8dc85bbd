/**
 * The collaborative editor's own keys.
 *
 * `TabKeys`: Tab and Shift+Tab never change the document by surprise and never
 * trap the focus. Tab indents a list item that can go under the one before it; Shift+Tab outdents
 * a nested list item into its parent list. Anywhere else (a top-level list item, a paragraph, the
 * first item of a list) the key is left to the browser, which moves the focus on or back.
 *
 * Tiptap's ListItem binds Shift+Tab to `liftListItem`, which in a top-level item lifts it out of
 * its list: a keyboard user leaving the editor with Shift+Tab turned the shared bullet into a
 * paragraph for everyone. Its keymap cannot be made to pass a key on to the browser (a later
 * keymap would still run it), so this plugin decides first, on the DOM event: it does the indent
 * or outdent itself, or declares the event handled without preventing its default, which makes
 * ProseMirror skip every keymap while the browser still moves the focus.
 */
import { Extension } from '@tiptap/core';
import type { NodeType } from '@tiptap/pm/model';
import { liftListItem, sinkListItem } from '@tiptap/pm/schema-list';
import { type Command, Plugin, PluginKey } from '@tiptap/pm/state';

/** Lifts the selected list items into the list around theirs, only when they are nested in one. */
export function outdentNestedListItem(itemType: NodeType): Command {
  return (state, dispatch) => {
    const { $from, $to } = state.selection;
    const range = $from.blockRange($to, (node) => node.childCount > 0 && node.firstChild?.type === itemType);
    // range.depth is the list's depth; the list is nested when its own parent is a list item.
    if (!range || range.depth < 2 || $from.node(range.depth - 1).type !== itemType) return false;
    return liftListItem(itemType)(state, dispatch);
  };
}

export const TabKeys = Extension.create({
  name: 'tabKeys',
  // Before every keymap: ListItem's own Tab and Shift+Tab must not see the key first.
  priority: 1000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('tabKeys'),
        props: {
          handleDOMEvents: {
            keydown: (view, event) => {
              if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return false;
              if (!view.editable) return false;
              const itemType = view.state.schema.nodes.listItem;
              if (!itemType) return false;
              const command = event.shiftKey ? outdentNestedListItem(itemType) : sinkListItem(itemType);
              if (command(view.state, view.dispatch)) event.preventDefault();
              // Handled either way: ProseMirror runs no keymap, and an unprevented Tab moves the focus.
              return true;
            },
          },
        },
      }),
    ];
  },
});

export interface ToolbarShortcutOptions {
  /** Moves the focus to the toolbar; false when there is none (a read-only editor). */
  focusToolbar: () => boolean;
}

/**
 * Alt+F10 in the text moves the focus to the formatting toolbar, as in TinyMCE and CKEditor and
 * as WAI-ARIA's toolbar practice suggests; Escape there comes back (EditorToolbar).
 */
export const ToolbarShortcut = Extension.create<ToolbarShortcutOptions>({
  name: 'toolbarShortcut',
  addOptions() {
    return { focusToolbar: () => false };
  },
  addKeyboardShortcuts() {
    return { 'Alt-F10': () => this.options.focusToolbar() };
  },
});

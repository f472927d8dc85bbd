/**
 * What is pasted or dropped into an editor is made storable first: a lone UTF-16 surrogate or a
 * NUL character becomes U+FFFD, in the text and in every attribute (a link's address, say).
 *
 * Why: the server refuses an update holding such text (server/src/collab/unstorableText.ts, close
 * event `unstorableText`) and ends the document's connection. A text's characters reach it as
 * UTF-8, already U+FFFD, but a mark's attributes travel as JSON, where `\ud800` survives: a copied
 * link with a broken address ended the agenda's connection on an ordinary Ctrl+V. Cleaned here,
 * at the clipboard's text itself, before ProseMirror parses it, nothing pasted can carry it.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** The text with each lone surrogate and NUL as U+FFFD (the character a browser shows for them). */
export function storableClipboardText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

export const StorablePaste = Extension.create({
  name: 'storablePaste',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('storablePaste'),
        props: {
          transformPastedHTML: storableClipboardText,
          transformPastedText: storableClipboardText,
        },
      }),
    ];
  },
});

/**
 * The rich-text schema of every collaborative document (agenda, proposal bodies), shared by the
 * editor in the browser and by the server, which seeds documents and renders them for exports.
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

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

export function richTextExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo, which only undoes one's own changes.
      undoRedo: false,
      // The page's own headings are h1 (the meeting) and h2 (the view); a document nests below.
      heading: { levels: [3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...SAFE_LINK_PROTOCOLS],
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
  ];
}

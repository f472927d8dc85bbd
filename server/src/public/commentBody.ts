/**
 * A comment's body as the public page shows it: the formatting the board shows (mentions, links,
 * emphasis; shared/commentText.ts parses both), built with the escaping template of html.ts, so
 * no character of the body is ever markup. A mention is the person's name, as the board says it,
 * never the stored `<@id>`: names are public here (every comment says its author's), ids are not.
 */
import { type CommentInline, parseCommentText } from '../../../shared/commentText.ts';
import { type Html, html } from './html.ts';

export function commentBody(body: string, mentions: readonly { id: string; name: string }[], someone: string): Html {
  const names = new Map(mentions.map((mention) => [mention.id, mention.name]));
  const inline = (node: CommentInline): Html => {
    switch (node.type) {
      case 'text':
        return html`${node.text}`;
      case 'link':
        // Only http(s) and mailto reach here (isSafeCommentHref); a stranger's link earns no ranking.
        return html`<a href="${node.href}" rel="nofollow ugc noopener noreferrer">${node.text}</a>`;
      case 'mention': {
        // An id nobody has (comment_mentions keeps only people who exist) is said neutrally, not printed.
        const name = names.get(node.userId);
        return html`<bdi class="mention">@${name ?? someone}</bdi>`;
      }
    }
  };
  return html`${parseCommentText(body).map((node) => {
    if (node.type === 'strong') return html`<strong>${node.children.map(inline)}</strong>`;
    if (node.type === 'em') return html`<em>${node.children.map(inline)}</em>`;
    return inline(node);
  })}`;
}

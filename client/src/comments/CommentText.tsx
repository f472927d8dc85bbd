/**
 * A comment's body as React elements: text, links, emphasis and mentions from the parse of
 * shared/commentText.ts. Never HTML: every character of the body is text in the page.
 */
import type { ReactNode } from 'react';
import { type CommentInline, mentionToken, parseCommentText } from '../../../shared/commentText.ts';

export function CommentText({ body, mentions }: { body: string; mentions: { id: string; name: string }[] }) {
  const names = new Map(mentions.map((mention) => [mention.id, mention.name]));
  const inline = (node: CommentInline, key: number): ReactNode => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'link':
        return (
          <a key={key} href={node.href} rel="noopener noreferrer nofollow ugc">
            {node.text}
          </a>
        );
      case 'mention': {
        const name = names.get(node.userId);
        // An id nobody has stays as it was written.
        return name === undefined ? (
          mentionToken(node.userId)
        ) : (
          <bdi key={key} className="mention" data-user-id={node.userId}>
            @{name}
          </bdi>
        );
      }
    }
  };
  return (
    <>
      {parseCommentText(body).map((node, index) => {
        if (node.type === 'strong') return <strong key={index}>{node.children.map(inline)}</strong>;
        if (node.type === 'em') return <em key={index}>{node.children.map(inline)}</em>;
        return inline(node, index);
      })}
    </>
  );
}

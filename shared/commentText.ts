/**
 * The small formatting subset of comment bodies, parsed into a tree that the client renders as
 * React elements (never as HTML). A body is stored exactly as written; only its display is
 * formatted:
 *
 * - `<@userId>` mentions a person (rendered with their current name);
 * - `[label](https://…)` is a link, and so is a bare `https://…`, `http://…` or `mailto:…`;
 *   no other scheme is ever a link (`javascript:` stays text);
 * - `**strong**` and `*emphasis*`, within one line, outside links and mentions.
 *
 * Anything else is text, shown as written (line breaks kept).
 */

import { hasVisibleText } from './visibleText.ts';

export type CommentInline =
  | { type: 'text'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'mention'; userId: string };

export type CommentNode =
  | CommentInline
  | { type: 'strong'; children: CommentInline[] }
  | { type: 'em'; children: CommentInline[] };

/** The token a mention is stored as. */
export function mentionToken(userId: string): string {
  return `<@${userId}>`;
}

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];

/** True for an absolute http(s) or mailto URL, the only links a comment can carry. */
export function isSafeCommentHref(href: string): boolean {
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return false;
  try {
    return LINK_SCHEMES.includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

// Mentions, [label](url) links and bare URLs, in one pass, leftmost first.
const ATOMS =
  /<@([A-Za-z0-9_-]{1,64})>|\[([^[\]\n]{1,500})\]\(((?:https?:\/\/|mailto:)[^\s()<>]{1,2000})\)|((?:https?:\/\/|mailto:)[^\s<>"]{1,2000})/gi;

// Trailing punctuation is the sentence's, not the URL's.
const TRAILING = /[.,;:!?'"\])}*]+$/;

/** Mention ids a body refers to, in order, without repeats. */
export function mentionedIds(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(/<@([A-Za-z0-9_-]{1,64})>/g)) ids.add(match[1]!);
  return [...ids];
}

function atoms(text: string): CommentInline[] {
  const out: CommentInline[] = [];
  let last = 0;
  const push = (value: string) => {
    if (!value) return;
    const previous = out[out.length - 1];
    if (previous?.type === 'text') previous.text += value;
    else out.push({ type: 'text', text: value });
  };
  for (const match of text.matchAll(ATOMS)) {
    const start = match.index;
    let raw = match[0];
    let node: CommentInline | null = null;
    if (match[1] !== undefined) {
      node = { type: 'mention', userId: match[1] };
    } else if (match[2] !== undefined && match[3] !== undefined) {
      // A label with nothing visible would be a link nobody can see or have read out: it shows its address.
      if (isSafeCommentHref(match[3]))
        node = { type: 'link', href: match[3], text: hasVisibleText(match[2]) ? match[2] : match[3] };
    } else if (match[4] !== undefined) {
      const url = match[4].replace(TRAILING, '');
      if (/^(https?:\/\/[^\s/]|mailto:\S)/i.test(url) && isSafeCommentHref(url)) {
        raw = url;
        node = { type: 'link', href: url, text: url };
      }
    }
    if (!node) continue;
    push(text.slice(last, start));
    out.push(node);
    last = start + raw.length;
  }
  push(text.slice(last));
  return out;
}

// **strong** or *em*: not across lines, markers hugging non-space text.
const EMPHASIS = /\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*|\*(?=[^\s*])([^\n*]*?[^\s*])\*/g;

function emphasis(text: string): CommentNode[] {
  const out: CommentNode[] = [];
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) out.push({ type: 'strong', children: [{ type: 'text', text: match[1] }] });
    else out.push({ type: 'em', children: [{ type: 'text', text: match[2]! }] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/** Parses a comment body into what to display. Total: every string parses. */
export function parseCommentText(body: string): CommentNode[] {
  const out: CommentNode[] = [];
  for (const atom of atoms(body)) {
    if (atom.type === 'text') out.push(...emphasis(atom.text));
    else out.push(atom);
  }
  return out;
}

/** The text a reader sees, with mentions as `@Name`: for previews, tests and notifications. */
export function commentPlainText(nodes: CommentNode[], nameOf: (userId: string) => string | undefined): string {
  const inline = (node: CommentInline): string => {
    if (node.type === 'text') return node.text;
    if (node.type === 'link') return node.text;
    const name = nameOf(node.userId);
    return name === undefined ? mentionToken(node.userId) : `@${name}`;
  };
  return nodes
    .map((node) => (node.type === 'strong' || node.type === 'em' ? node.children.map(inline).join('') : inline(node)))
    .join('');
}

/**
 * Mentions as people see them while writing (`@Mei Lin`) and as they are stored (`<@userId>`).
 * The composer remembers which names were chosen from the suggestions; only those become
 * mentions, so a literal "@something" typed by hand stays text.
 */
import { mentionToken } from '../../../shared/commentText.ts';

/** Names chosen while writing, to their user ids. */
export type ChosenMentions = Map<string, string>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stored body as the composer shows it, and the mentions it already has. */
export function bodyForEditing(body: string, mentions: { id: string; name: string }[]): { text: string; chosen: ChosenMentions } {
  const names = new Map(mentions.map((mention) => [mention.id, mention.name]));
  const chosen: ChosenMentions = new Map();
  const text = body.replace(/<@([A-Za-z0-9_-]{1,64})>/g, (token, id: string) => {
    const name = names.get(id);
    if (name === undefined) return token;
    chosen.set(name, id);
    return `@${name}`;
  });
  return { text, chosen };
}

/** The body to store: every chosen `@Name` becomes a mention token. */
export function bodyToStore(text: string, chosen: ChosenMentions): string {
  if (chosen.size === 0) return text;
  // Longest names first, so that "@Ana Souza" is not taken for "@Ana".
  const names = [...chosen.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return text.replace(pattern, (_whole, name: string) => mentionToken(chosen.get(name)!));
}

/** The mention being typed just before the caret: where its `@` is and what follows it. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])@([\p{L}\p{N}_'-]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

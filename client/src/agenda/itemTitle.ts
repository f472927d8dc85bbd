import { isolate } from '../../../shared/i18n/format.ts';

/**
 * An agenda item's title as a reader sees it. A new item is added with an empty title (a default
 * title typed in the creator's language would be shown to everyone in that language), so an
 * empty title reads as "(untitled item)" in the reader's own language, wherever an item is named.
 */
export function shownItemTitle(title: string, t: (key: string) => string): string {
  return title.trim() || t('agendaItems.untitled');
}

/**
 * An item as the agenda numbers it: its number, a full stop, its title ("6.a. Title"), the one way
 * the client names an item in a sentence, a heading or a list. The title is isolated (as `<bdi>`
 * does, but in plain text, which options and translated sentences need): on an Arabic page the
 * demo's English titles end in "(DCs)", and without it the closing bracket took the page's
 * direction and was drawn at the title's other end. The number is left as the server's public
 * pages leave it (server/src/public/publicPages.ts isolates the title alone, with `<bdi>`).
 */
export function numberedTitle(item: { fullNumber: string; title: string }, t: (key: string) => string): string {
  return `${item.fullNumber}. ${isolate(shownItemTitle(item.title, t))}`;
}

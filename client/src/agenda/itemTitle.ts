import { FSI, PDI } from '../../../shared/i18n/format.ts';

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
  const [before, after] = aroundNumberedTitle(item.fullNumber);
  return `${before}${shownItemTitle(item.title, t)}${after}`;
}

/**
 * What `numberedTitle` puts before an item's title and after it, for a title drawn as elements of
 * its own (the version diff marks the added and removed pieces of a title): "6.a. " and the isolate
 * that opens, then the isolate that closes. The isolates are characters rather than a `<bdi>`: a
 * `<bdi>` takes its direction from its first letter in the DOM, which in a diff is that of the
 * reader's words hidden for screen readers ("أضافه …:"), not the title's.
 */
export function aroundNumberedTitle(fullNumber: string): [before: string, after: string] {
  return [`${fullNumber}. ${FSI}`, PDI];
}

/**
 * An agenda item's title as a reader sees it. A new item is added with an empty title (a default
 * title typed in the creator's language would be shown to everyone in that language), so an
 * empty title reads as "(untitled item)" in the reader's own language, wherever an item is named.
 */
export function shownItemTitle(title: string, t: (key: string) => string): string {
  return title.trim() || t('agendaItems.untitled');
}

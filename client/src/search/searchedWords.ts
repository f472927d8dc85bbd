/**
 * How many words of the query the results page's search used and left out, told by that page to
 * the header's search box: the box says under itself when words were left out, where it says the
 * 200-character limit, so that both notes about the query stand under the query (the words' note
 * once stood in the page, away from the box at a desk's width). Cleared when the page goes.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { SearchResponse } from '../../../shared/schemas/search.ts';

export type SearchedWords = SearchResponse['words'];

let current: SearchedWords | null = null;
const listeners = new Set<() => void>();

function tell(words: SearchedWords | null): void {
  current = words;
  for (const listener of listeners) listener();
}

/** The results page: what its search used, while it is shown. */
export function useTellSearchedWords(words: SearchedWords | undefined): void {
  const used = words?.used;
  const ignored = words?.ignored;
  useEffect(() => {
    if (used === undefined || ignored === undefined) return;
    tell({ used, ignored });
    return () => tell(null);
  }, [used, ignored]);
}

/** The search box: what the shown results' search used, or null on any other page. */
export function useSearchedWords(): SearchedWords | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

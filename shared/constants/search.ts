/**
 * Constants and plain types of shared/schemas/search.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */
export const SEARCH_KINDS = ['agendaItem', 'proposal', 'comment', 'action', 'poll', 'workingGroup', 'attachment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** `queryWords`: a search uses the first eight different words of its query; the page says when more were left out. */
export const SEARCH_LIMITS = { queryChars: 200, queryWords: 8, perKind: 20, perMinute: 60 } as const;

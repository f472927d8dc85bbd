/** Search across a meeting or the whole cycle: the query and the grouped results. */
import { type Static, Type } from 'typebox';
import { SEARCH_KINDS, SEARCH_LIMITS } from '../constants/search.ts';
import { Id, LanguageSchema } from './common.ts';

export { SEARCH_KINDS, SEARCH_LIMITS, type SearchKind } from '../constants/search.ts';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: SEARCH_LIMITS.queryChars, description: 'the words to find' }),
  meetingId: Type.Optional(Id),
  /** The reader's language, for what the server words itself (an untitled agenda item). */
  lang: Type.Optional(LanguageSchema),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResultSchema = Type.Object({
  kind: Type.Enum(SEARCH_KINDS),
  id: Type.String({ description: 'the id of the thing found (for a comment, the comment)' }),
  meetingId: Id,
  /** The meeting's title: results of a search across the cycle come from several meetings. */
  meetingTitle: Type.String(),
  title: Type.String(),
  snippet: Type.String({ description: 'plain text around the match; never HTML' }),
  matches: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: 'start and end offsets (UTF-16) in `snippet` of each matching word, for <mark>',
  }),
  link: Type.String({ description: 'the path of the exact place in the client' }),
});
export type SearchResult = Static<typeof SearchResultSchema>;

export const SearchResponse = Type.Object({
  results: Type.Array(SearchResultSchema),
  words: Type.Object(
    { used: Type.Integer(), ignored: Type.Integer() },
    { description: 'how many different words of the query were searched, and how many after them were left out' },
  ),
});
export type SearchResponse = Static<typeof SearchResponse>;

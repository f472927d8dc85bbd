/** Results of a search, grouped by kind, the matching words marked, each a link to its place. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { SEARCH_KINDS } from '../../../shared/constants/search.ts';
import type { SearchResponse, SearchResult } from '../../../shared/schemas/search.ts';
import { useLoad } from '../meetings/useMeeting.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useTellSearchedWords } from './searchedWords.ts';

/** The snippet as text with <mark> around the matches: offsets from the server, never HTML. */
export function MarkedSnippet({ result }: { result: SearchResult }) {
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const [start, end] of result.matches) {
    if (start < at || end > result.snippet.length) continue;
    parts.push(result.snippet.slice(at, start), { mark: result.snippet.slice(start, end) });
    at = end;
  }
  parts.push(result.snippet.slice(at));
  return (
    // The snippet is the document's own text, in its own direction (an English one on an Arabic page
    // kept the page's, and its closing "…" stood at the wrong end).
    <p className="search-result__snippet" dir="auto">
      {parts.map((part, index) => (typeof part === 'string' ? part : <mark key={index}>{part.mark}</mark>))}
    </p>
  );
}

/**
 * What a result is called: its title as the server gives it, in the reader's language where the
 * server words it ("6.a. (untitled item)"); a comment on the agenda has none.
 */
function resultTitle(result: SearchResult, t: (key: string) => string): string {
  return result.title || t('search.untitledComment');
}

/** Searching again for the same words (Enter in the box) loads afresh. */
export function SearchPage() {
  return <SearchResults key={useLocation().key} />;
}

function SearchResults() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const meetingId = params.get('meetingId');
  usePageTitle(q ? t('search.resultsFor', { q }) : t('search.title'));
  const path = q
    ? `/api/search?q=${encodeURIComponent(q)}${meetingId ? `&meetingId=${encodeURIComponent(meetingId)}` : ''}&lang=${encodeURIComponent(i18n.resolvedLanguage ?? 'en')}`
    : null;
  const { data, error } = useLoad<SearchResponse>(path);
  const results = data?.results ?? [];
  // Words left out are said under the search box (searchedWords.ts), with its other note on the query.
  useTellSearchedWords(data?.words);
  return (
    <section className="page search-page" aria-labelledby="search-title">
      <h1 id="search-title">{q ? t('search.resultsFor', { q }) : t('search.title')}</h1>
      <ErrorAlert message={error && t('search.failed', { message: error.message })} />
      <p role="status">
        {!q
          ? ''
          : !data && !error
            ? t('search.searching')
            : data
              ? results.length
                ? t('search.count', { count: results.length })
                : t('search.none', { q })
              : ''}
      </p>
      {SEARCH_KINDS.map((kind) => {
        const group = results.filter((result) => result.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} className="search-group" aria-labelledby={`search-kind-${kind}`}>
            <h2 id={`search-kind-${kind}`}>{t(`search.kinds.${kind}`)}</h2>
            <ul className="card-list">
              {group.map((result) => (
                <li key={`${result.kind}:${result.id}`} className="card search-result">
                  <Link to={result.link} className="search-result__title" dir="auto">
                    {resultTitle(result, t)}
                  </Link>
                  {!meetingId && (
                    <p className="search-result__meeting" dir="auto">
                      {result.meetingTitle}
                    </p>
                  )}
                  <MarkedSnippet result={result} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

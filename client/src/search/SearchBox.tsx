/** The search box in the header; `/` focuses it from anywhere but a text field. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { SEARCH_LIMITS } from '../../../shared/constants/search.ts';
import { useSearchedWords } from './searchedWords.ts';
import './search.css';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  // The box takes no more than the server searches; at the limit it says so, rather than a paste
  // being cut without a word.
  const full = q.length >= SEARCH_LIMITS.queryChars;
  // The server searches the first eight different words: say so, or the rest look searched and found nowhere.
  const wordsId = useId();
  const searched = useSearchedWords();
  const wordsLeftOut = searched !== null && searched.ignored > 0;
  const describedBy = [full && hintId, wordsLeftOut && wordsId].filter(Boolean).join(' ');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form
      role="search"
      className="site-search"
      onSubmit={(event) => {
        event.preventDefault();
        const query = q.trim();
        if (query) void navigate(`/search?q=${encodeURIComponent(query)}`);
      }}
    >
      <label htmlFor="site-search-q" className="sr-only">
        {t('search.label')}
      </label>
      <input
        id="site-search-q"
        ref={input}
        type="search"
        value={q}
        maxLength={SEARCH_LIMITS.queryChars}
        aria-describedby={describedBy || undefined}
        placeholder={t('search.placeholder')}
        aria-keyshortcuts="/"
        title={t('search.shortcut')}
        onChange={(event) => setQ(event.currentTarget.value)}
      />
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
      <p id={hintId} role="status" className="site-search__note">
        {full ? t('search.tooLong', { max: SEARCH_LIMITS.queryChars }) : null}
      </p>
      <p id={wordsId} role="status" className="site-search__note">
        {wordsLeftOut ? t('search.wordsIgnored', { count: searched.used }) : null}
      </p>
    </form>
  );
}

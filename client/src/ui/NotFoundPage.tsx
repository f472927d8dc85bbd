/**
 * What a page shows when what its address names is not there (a page, a meeting, a poll): the
 * words as its heading and in the browser's tab, and a link back to where one can go on from.
 */
import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle.ts';

export function NotFoundPage({ title, back, backLabel }: { title: string; back: string; backLabel: string }) {
  usePageTitle(title);
  return (
    <section className="page">
      <h1>{title}</h1>
      <Link to={back}>{backLabel}</Link>
    </section>
  );
}

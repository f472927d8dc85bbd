/** Routing and the shell every page shares: skip link, header with the signed-in user, main. */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SignInPage } from '../auth/SignInPage.tsx';
import { MeetingListPage } from '../meetings/MeetingListPage.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { SessionProvider, useSession } from './session.tsx';

// Pages behind sign-in load when first opened: the sign-in page must not carry the editor, Yjs
// and the collaboration stack (its JavaScript budget is in client/budget.json).
const MeetingPage = lazy(() => import('../meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })));
const ProposalPage = lazy(() => import('../proposals/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })));
const SearchPage = lazy(() => import('../search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const PollPresentPage = lazy(() => import('../polls/PollPresentPage.tsx').then((m) => ({ default: m.PollPresentPage })));

/** The socket belongs to the session that ends; its module is loaded only once a page used it. */
async function closeSocketIfOpen(): Promise<void> {
  const { closeSharedSocket } = await import('../collab/socket.ts');
  closeSharedSocket();
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </SessionProvider>
  );
}

/** After a page change inside the app, focus goes to the main content, as a page load would. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}

function Shell() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  useFocusMainOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="site-header__brand">
          <span className="site-header__name">{t('app.name')}</span>
          <span className="site-header__tagline">{t('app.tagline')}</span>
        </Link>
        {user && <SearchBox />}
        {user && (
          <div className="site-header__user">
            <span>{t('app.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                void closeSocketIfOpen().then(signOut);
              }}
            >
              {t('app.signOut')}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {user === undefined ? (
          <p role="status">{t('app.loading')}</p>
        ) : user === null ? (
          <SignInPage />
        ) : (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Routes>
            <Route path="/" element={<MeetingListPage />} />
            <Route path="/meetings/:meetingId" element={<MeetingPage />} />
            <Route path="/meetings/:meetingId/proposals/:proposalId" element={<ProposalPage />} />
            <Route path="/meetings/:meetingId/polls/:pollId/present" element={<PollPresentPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        )}
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('app.notFound')}</h1>
      <Link to="/">{t('app.backHome')}</Link>
    </section>
  );
}

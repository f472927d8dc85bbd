/** Routing and the shell every page shares: skip link, header with the signed-in user, main. */
import { useEffect, useRef } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SignInPage } from '../auth/SignInPage.tsx';
import { closeSharedSocket } from '../collab/socket.ts';
import { MeetingListPage } from '../meetings/MeetingListPage.tsx';
import { MeetingPage } from '../meetings/MeetingPage.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { NotificationSettingsPage } from '../notifications/NotificationSettingsPage.tsx';
import { PollPresentPage } from '../polls/PollPresentPage.tsx';
import { ProposalPage } from '../proposals/ProposalPage.tsx';
import { SessionProvider, useSession } from './session.tsx';

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
        {user && (
          <div className="site-header__user">
            <NotificationBell />
            <span>{t('app.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                closeSharedSocket();
                void signOut();
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
          <Routes>
            <Route path="/" element={<MeetingListPage />} />
            <Route path="/meetings/:meetingId" element={<MeetingPage />} />
            <Route path="/meetings/:meetingId/proposals/:proposalId" element={<ProposalPage />} />
            <Route path="/meetings/:meetingId/polls/:pollId/present" element={<PollPresentPage />} />
            <Route path="/settings/notifications" element={<NotificationSettingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
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

/** Routing and the shell every page shares: skip link, header with the signed-in user, main. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { ForgotPasswordPage, SetNewPasswordPage } from '../auth/PasswordResetPages.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { useLanguageOfPerson } from '../i18n/LanguagePicker.tsx';
import { MeetingListPage } from '../meetings/MeetingListPage.tsx';
import { InvitationPage } from '../people/InvitationPage.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { BareShellContext } from './bareShell.ts';
import { SiteHeader } from './SiteHeader.tsx';
import { SessionProvider, useSession } from './session.tsx';

// Pages behind sign-in load when first opened: the sign-in page must not carry the editor, Yjs
// and the collaboration stack (its JavaScript budget is in client/budget.json).
const MeetingPage = lazy(() => import('../meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })));
const ProposalPage = lazy(() => import('../proposals/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })));
const PeoplePage = lazy(() => import('../people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const ProfilePage = lazy(() => import('../people/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const TokensPage = lazy(() => import('../tokens/TokensPage.tsx').then((m) => ({ default: m.TokensPage })));
const RegistrationsPage = lazy(() =>
  import('../registrations/RegistrationsPage.tsx').then((m) => ({ default: m.RegistrationsPage })),
);
const TimelinePage = lazy(() => import('../timeline/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })));
const AuditLogPage = lazy(() => import('../audit/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })));
const FloorPresentPage = lazy(() => import('../floor/FloorPresentPage.tsx').then((m) => ({ default: m.FloorPresentPage })));
const NotificationSettingsPage = lazy(() =>
  import('../notifications/NotificationSettingsPage.tsx').then((m) => ({ default: m.NotificationSettingsPage })),
);
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

/**
 * After a page change inside the app, focus goes to the main content, as a page load would. Signing
 * out changes the page too, though the address stays: "Sign out" went with the signed-in page and
 * left the focus on <body>. There the focus moves only if it was lost, so that a refused sign-out,
 * signed in again at once, keeps it where the header put it (on "Sign out", with why). Signing in
 * lands on the newest meeting's address, or on a deep link's page as it would load.
 */
function useFocusMainOnNavigation(signedIn: boolean | undefined) {
  const { pathname } = useLocation();
  const before = useRef<{ pathname: string; signedIn: boolean | undefined } | null>(null);
  useEffect(() => {
    const previous = before.current;
    before.current = { pathname, signedIn };
    if (!previous || previous.signedIn === undefined) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (previous.pathname !== pathname || (previous.signedIn && !signedIn && lost)) document.getElementById('main')?.focus();
  }, [pathname, signedIn]);
}

function Shell() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  // A refused or unsent sign-out puts the person back where they were: say so, or they think they left.
  // Said on the page it failed on; another page starts afresh.
  const [signOutFailedOn, setSignOutFailedOn] = useState<string | null>(null);
  useFocusMainOnNavigation(user === undefined ? undefined : Boolean(user));
  useLanguageOfPerson(user);
  // A projector view asks for no header (app/bareShell.ts).
  const [bare, setBare] = useState(false);
  return (
    <BareShellContext.Provider value={setBare}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!bare && (
        <SiteHeader
          user={user}
          signOutFailed={signOutFailedOn === pathname}
          onSignOut={() => {
            setSignOutFailedOn(null);
            void signOut(closeSocketIfOpen).catch(() => setSignOutFailedOn(pathname));
          }}
        />
      )}
      <main id="main" tabIndex={-1}>
        {/* A page that fails shows why in its place; the header still leads elsewhere, and another page starts afresh. */}
        <ErrorBoundary scope="page" name="page" resetKey={pathname}>
          {user === undefined ? (
            <p role="status">{t('app.loading')}</p>
          ) : user === null ? (
            <Routes>
              <Route path="/invitations/:token" element={<InvitationPage />} />
              <Route path="/password-reset" element={<ForgotPasswordPage />} />
              <Route path="/password-reset/:token" element={<SetNewPasswordPage />} />
              <Route path="*" element={<SignInPage />} />
            </Routes>
          ) : (
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
              <Routes>
                <Route path="/" element={<MeetingListPage />} />
                <Route path="/meetings/:meetingId" element={<MeetingPage />} />
                <Route path="/meetings/:meetingId/proposals/:proposalId" element={<ProposalPage />} />
                <Route path="/meetings/:meetingId/polls/:pollId/present" element={<PollPresentPage />} />
                <Route path="/admin/people" element={<PeoplePage />} />
                <Route path="/profile" element={<ProfilePage />} />
                <Route path="/invitations/:token" element={<InvitationPage />} />
                <Route path="/password-reset/:token" element={<SetNewPasswordPage />} />
                <Route path="/settings/tokens" element={<TokensPage />} />
                <Route path="/meetings/:meetingId/registrations" element={<RegistrationsPage />} />
                <Route path="/timeline" element={<TimelinePage />} />
                <Route path="/admin/audit-log" element={<AuditLogPage />} />
                <Route path="/meetings/:meetingId/floor/present" element={<FloorPresentPage />} />
                <Route path="/settings/notifications" element={<NotificationSettingsPage />} />
                <Route path="/search" element={<SearchPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          )}
        </ErrorBoundary>
      </main>
    </BareShellContext.Provider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t('app.notFound')} back="/" backLabel={t('app.backHome')} />;
}

/**
 * The header every page shares: the board's name, the search box, the main navigation, the
 * language picker and the signed-in person (bell, name, sign out). On a narrow screen the
 * navigation, the language and the person's block fold behind a "Menu" button, so that a phone
 * sees the page and not six rows of header; the name, the search box and the bell stay in view.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { canReadAuditLog } from '../audit/auditPolicy.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { canManagePeople } from '../people/peoplePolicy.ts';
import { SearchBox } from '../search/SearchBox.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { useMediaQuery } from '../ui/useMediaQuery.ts';

/** Below 48rem (768 px) the header folds; the folded layout is `.site-header--folded` in styles.css. */
const FOLDED_HEADER = '(max-width: 47.99rem)';

export function SiteHeader({
  user,
  onSignOut,
  signOutFailed = false,
}: {
  user: PublicUser | null | undefined;
  onSignOut: () => void;
  /** The last sign-out did not happen (network down, server error): said beside the button. */
  signOutFailed?: boolean;
}) {
  const { t } = useTranslation();
  const signOutButton = useRef<HTMLButtonElement>(null);
  const signOutFailedId = useId();
  // The button was gone while the sign-out was under way: the focus goes back to it, read with why.
  useEffect(() => {
    if (signOutFailed) signOutButton.current?.focus();
  }, [signOutFailed]);
  const folded = useMediaQuery(FOLDED_HEADER) && Boolean(user);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const { pathname } = useLocation();
  // The menu is open on the page it was opened on: a link followed from it closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    menuButton.current?.focus();
  };

  const bell = user && (
    <ErrorBoundary name="notifications">
      <NotificationBell />
    </ErrorBoundary>
  );

  return (
    <header className={`site-header${folded ? ' site-header--folded' : ''}`}>
      <Link to="/" className="site-header__brand">
        <span className="site-header__name">{t('app.name')}</span>
        <span className="site-header__tagline">{t('app.tagline')}</span>
      </Link>
      {folded && (
        <div className="site-header__tools">
          {bell}
          <button
            ref={menuButton}
            type="button"
            className="button button--quiet"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen(!open)}
            onKeyDown={closeOnEscape}
          >
            {t('app.menu')}
          </button>
        </div>
      )}
      {user && !folded && <SearchBox />}
      {(!folded || open) && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape inside the open menu closes it; the menu button is the control.
        <div id={menuId} className="site-header__menu" onKeyDown={closeOnEscape}>
          {user && <MainNavigation user={user} />}
          <LanguagePicker user={user} />
          {user && (
            <div className="site-header__user">
              {!folded && bell}
              <span>{t('app.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
              <button
                ref={signOutButton}
                type="button"
                className="button button--quiet"
                onClick={onSignOut}
                aria-describedby={signOutFailed ? signOutFailedId : undefined}
              >
                {t('app.signOut')}
              </button>
              {signOutFailed && (
                <span id={signOutFailedId} role="alert" className="site-header__sign-out-failed">
                  {t('app.signOutFailed')}
                </span>
              )}
            </div>
          )}
        </div>
      )}
      {/* Folded, the search box comes after the menu, so that the menu's links follow its button. */}
      {user && folded && <SearchBox />}
    </header>
  );
}

/** The pages of the board; the current one is marked (`aria-current="page"`) by NavLink. */
function MainNavigation({ user }: { user: PublicUser }) {
  const { t } = useTranslation();
  const links: [to: string, label: string][] = [
    ['/', t('meetingAdmin.nav.meetings')],
    ['/timeline', t('meetingAdmin.nav.timeline')],
    ...(canManagePeople(user) ? ([['/admin/people', t('people.nav.people')]] as [string, string][]) : []),
    ...(canReadAuditLog(user) ? ([['/admin/audit-log', t('meetingAdmin.nav.auditLog')]] as [string, string][]) : []),
    ['/profile', t('people.nav.profile')],
    ['/settings/tokens', t('tokens.link')],
  ];
  return (
    <nav className="site-nav" aria-label={t('meetingAdmin.nav.label')}>
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Names the page in the browser's tab, history and bookmarks ("<what the page shows> – Plenary"):
 * a person with several proposals open tells the tabs apart, and a screen reader announces the
 * page's name on navigation. Back to the board's name alone when the page goes.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function usePageTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  const title = page ? t('app.pageTitle', { page, app }) : app;
  useEffect(() => {
    document.title = title;
    return () => {
      document.title = app;
    };
  }, [title, app]);
}

/**
 * A page's side column as a sheet below the wide breakpoint, as the agenda and proposal pages do
 * (collab/CollaborativeDocument.tsx): the column is hidden there (styles.css, `.meeting__side`),
 * so a bar at the bottom opens it. The sheet takes the focus when it opens and gives it back to
 * its button when it closes (Escape too). Spread `asideProps` on the aside, put `closeButton` at
 * its top and `bar` after it; give the layout `meeting__layout--sheets` for room under the bar.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMediaQuery, WIDE_LAYOUT } from './useMediaQuery.ts';

export function useSideSheet(id: string, { label, barLabel }: { label: string; barLabel: string }) {
  const { t } = useTranslation();
  const wide = useMediaQuery(WIDE_LAYOUT);
  const [open, setOpen] = useState(false);
  const sheet = useRef<HTMLElement | null>(null);
  const buttonId = `sheet-button-${id}`;
  const shown = open && !wide;

  useEffect(() => {
    if (!shown) return;
    sheet.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      document.getElementById(buttonId)?.focus();
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shown, buttonId]);

  const asideProps = { id: `sheet-${id}`, 'data-open': shown ? 'true' : undefined, ref: sheet, tabIndex: -1 };
  const closeButton = wide ? undefined : (
    <button
      type="button"
      className="button button--quiet sheet__close"
      onClick={() => {
        setOpen(false);
        document.getElementById(buttonId)?.focus();
      }}
    >
      {t('tools.close')}
    </button>
  );
  const bar = wide ? undefined : (
    <nav className="sheet-bar" aria-label={barLabel}>
      <button
        id={buttonId}
        type="button"
        className="button"
        aria-expanded={shown}
        aria-controls={asideProps.id}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
    </nav>
  );
  return { asideProps, closeButton, bar };
}

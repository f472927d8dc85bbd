/**
 * A page's side columns as sheets below the wide breakpoint: the columns are hidden there
 * (styles.css, `.meeting__margin`, `.meeting__side`), so a bar at the bottom opens one of them at a
 * time. A sheet takes the focus when it opens, unless something inside it already took it as it
 * opened (the thread a notification's link names, the new comment's field after Ctrl+Alt+M), and
 * gives it back to its button when it closes (Escape too, unless something inside the sheet handled
 * that Escape and called `preventDefault`: the one rule for what Escape closes). The agenda and proposal pages have two (collab/CollaborativeDocument.tsx: comments
 * and tools); the Floor tab (attendance) and the Actions tab (meeting pack) have one (`useSideSheet`).
 *
 * An open sheet lies over the page (the whole width, most of the height), so it is modal: the page
 * under it is inert until it closes (but for its live regions, ui/inertOutside.ts), and Tab and
 * Shift+Tab go round the sheet and the bar (whose buttons stay in sight, to switch sheets), wrapping
 * from the last stop to the first as in a modal dialog. Before, Tab went on from the sheet's last
 * control to the page's, whose focus rings were drawn under the sheet (WCAG 2.4.11), and then rested
 * once on the inert page's <body>. A click on the page left in sight above the sheet closes it, the
 * focus back on its button, as a modal drawer's backdrop does; a dim over the page, under the sheet
 * and the bar (`.sheet-scrim`, rendered with the bar), shows as much. Not a <dialog>: the same aside is a
 * column beside the text on a wide screen, where nothing is inert.
 *
 * Spread `asideProps(id)` on each aside, put `closeButton(id)` at its top and `bar` after them;
 * give the layout `meeting__layout--sheets` for room under the bar.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inertOutside } from './inertOutside.ts';
import { tabbables } from './tabbables.ts';
import { useMediaQuery, WIDE_LAYOUT } from './useMediaQuery.ts';

export interface SheetSpec<Id extends string> {
  id: Id;
  /** The bar's button for it. */
  label: string;
}

export interface Sheets<Id extends string> {
  /** Above the breakpoint the columns are shown beside the page and there are no sheets. */
  wide: boolean;
  /** The sheet shown now (never one above the breakpoint). */
  shown: Id | null;
  show: (id: Id) => void;
  asideProps: (id: Id) => {
    id: string;
    'data-open': 'true' | undefined;
    ref: (element: HTMLElement | null) => void;
    tabIndex: number;
  };
  closeButton: (id: Id) => ReactNode;
  bar: ReactNode;
}

export function useSheets<Id extends string>(sheets: SheetSpec<Id>[], barLabel: string): Sheets<Id> {
  const { t } = useTranslation();
  const wide = useMediaQuery(WIDE_LAYOUT);
  const [open, setOpen] = useState<Id | null>(null);
  const elements = useRef(new Map<Id, HTMLElement>());
  const barElement = useRef<HTMLElement | null>(null);
  const scrimElement = useRef<HTMLDivElement | null>(null);
  const shown = wide ? null : open;

  // A sheet is closed when the layout shows its column beside the text: kept open while hidden, it
  // opened again by itself when the window narrowed, taking the focus from the text the person had
  // gone on writing in and making the page inert. When the window widens with a sheet open, the
  // focus was in it or its bar (the page was inert), and the sheet's Close button and the bar are
  // gone, which left the focus on the page's <body>: it goes to that column, now beside the text.
  const wasWide = useRef(wide);
  useEffect(() => {
    const widened = wide && !wasWide.current;
    wasWide.current = wide;
    if (!wide || open === null) return;
    setOpen(null);
    if (!widened) return;
    const active = document.activeElement;
    if (active === null || active === document.body) elements.current.get(open)?.focus();
  }, [wide, open]);

  useEffect(() => {
    if (!shown) return;
    const element = elements.current.get(shown);
    if (!element?.contains(document.activeElement)) element?.focus();
    // After the focus has moved into the sheet: a focused element made inert (the text, on
    // Ctrl+Alt+M) would leave the focus on the page's <body>.
    const kept = element ? (barElement.current ? [element, barElement.current] : [element]) : [];
    // The scrim stays out of the inert part too, so that it is what the pointer meets over the
    // page (an inert element is skipped by hit-testing): a click on it is a click outside `kept`.
    const scrim = scrimElement.current;
    const restore = element ? inertOutside(scrim ? [...kept, scrim] : kept) : undefined;
    const inDialog = (target: EventTarget | null) => target instanceof Element && target.closest('dialog[open]') !== null;
    const outside = (target: EventTarget | null) =>
      target instanceof Node && !kept.some((root) => root.contains(target)) && !inDialog(target);
    const closeShown = () => {
      document.getElementById(`sheet-button-${shown}`)?.focus();
      setOpen(null);
    };
    // A click on the page left in sight above the sheet closes it, as a modal drawer's backdrop
    // does: the page there is inert and did nothing. Only a press that also began outside, so that
    // selecting text in the sheet and letting go above it keeps the sheet open.
    let pressedOutside = false;
    const onPointerDown = (event: PointerEvent) => {
      pressedOutside = outside(event.target);
    };
    const onClick = (event: MouseEvent) => {
      if (pressedOutside && outside(event.target)) closeShown();
      pressedOutside = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Tab') {
        wrapFocus(event, kept);
        return;
      }
      if (event.key !== 'Escape') return;
      // An Escape that something inside the sheet has handled (marked defaultPrevented: a form
      // opened in place, a comment's mention suggestions or delete confirmation) closes that only.
      if (event.defaultPrevented) return;
      // Escape in a dialog opened from the sheet (an item's details) closes that dialog only.
      if (inDialog(event.target)) return;
      closeShown();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('click', onClick, true);
      restore?.();
    };
  }, [shown]);

  const close = (id: Id) => {
    setOpen(null);
    document.getElementById(`sheet-button-${id}`)?.focus();
  };
  return {
    wide,
    shown,
    show: setOpen,
    asideProps: (id) => ({
      id: `sheet-${id}`,
      'data-open': shown === id ? 'true' : undefined,
      ref: (element) => {
        if (element) elements.current.set(id, element);
        else elements.current.delete(id);
      },
      tabIndex: -1,
    }),
    closeButton: (id) =>
      wide ? undefined : (
        <button type="button" className="button button--quiet sheet__close" onClick={() => close(id)}>
          {t('tools.close')}
        </button>
      ),
    bar: wide ? undefined : (
      <>
        {/* The dim over the page while a sheet lies over it (styles.css, `.sheet-scrim`): it shows
            that the page is unavailable and that a click there closes the sheet (the click is
            handled above, as any outside the sheet and the bar). Out of the accessibility tree:
            it says nothing, and holds nothing to focus. */}
        {shown && <div className="sheet-scrim" aria-hidden="true" ref={scrimElement} />}
        <nav className="sheet-bar" aria-label={barLabel} ref={barElement}>
          {sheets.map(({ id, label }) => (
            <button
              key={id}
              id={`sheet-button-${id}`}
              type="button"
              className="button"
              aria-expanded={shown === id}
              aria-controls={`sheet-${id}`}
              onClick={() => setOpen(shown === id ? null : id)}
            >
              {label}
            </button>
          ))}
        </nav>
      </>
    ),
  };
}

/**
 * Tab from the last stop of the sheet and its bar goes to the first, Shift+Tab from the first to the
 * last, as in a modal dialog: the browser went from the bar's last button to the page's <body> (the
 * page being inert), a stop where nothing showed the focus.
 */
function wrapFocus(event: KeyboardEvent, roots: readonly Element[]): void {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
  // A dialog opened from the sheet (an item's details) keeps the focus in itself.
  if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
  const stops = tabbables(roots);
  const active = document.activeElement;
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const inside = active !== null && roots.some((root) => root.contains(active));
  // The stop after the focus (a stop, the sheet itself, a thread a link focused), or before it, in
  // the sheet and the bar only: moved by hand, since the browser's next stop may lie outside them
  // (a live region's button, which stays out of the inert page).
  const follows = (stop: Element) =>
    active !== null && (active.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const precedes = (stop: Element) =>
    active !== null && (active.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  const before = stops.filter(precedes);
  const next = inside ? (event.shiftKey ? before[before.length - 1] : stops.find(follows)) : undefined;
  event.preventDefault();
  (next ?? (event.shiftKey ? last : first)).focus();
}

/** One side column as a sheet (the Floor tab's attendance). */
export function useSideSheet(id: string, { label, barLabel }: { label: string; barLabel: string }) {
  const sheets = useSheets([{ id, label }], barLabel);
  return { asideProps: sheets.asideProps(id), closeButton: sheets.closeButton(id), bar: sheets.bar };
}

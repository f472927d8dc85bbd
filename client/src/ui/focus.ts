/**
 * Where the focus goes when what held it goes away: a removed document's row, a revoked token's
 * button, an answered question's buttons. Left alone, the browser puts it on <body>, and a
 * keyboard or screen-reader user starts again from the top of the page.
 */
import { type RefObject, useLayoutEffect, useRef } from 'react';

/** Focuses the element with this id when it is on the page (give a heading tabIndex={-1} for it). */
export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

/**
 * When the component unmounts while the focus is inside `ref` (a row that a live update took
 * away), the focus goes to what `neighbour` returns, else to the element with id `headingId` (give
 * a heading tabIndex={-1} for it), instead of the page. React runs this cleanup before it takes the
 * element out of the page, so the focus can still be seen inside it, and `neighbour` is given the
 * element while it is still in its place (to find the poll after it).
 */
export function useFocusWhenGone(
  ref: RefObject<HTMLElement | null>,
  headingId: string,
  neighbour?: (gone: HTMLElement) => HTMLElement | null | undefined,
): void {
  const latest = useRef({ headingId, neighbour });
  latest.current = { headingId, neighbour };
  useLayoutEffect(() => {
    const mounted = ref.current;
    return () => {
      // The element now, if the component drew another since (a card turned into its form).
      const element = ref.current ?? mounted;
      if (!element?.contains(document.activeElement)) return;
      // A modal dialog of the element (a removal's confirmation, when the live update that takes
      // the row comes before the dialog has closed) makes the rest of the page inert, where
      // nothing can take the focus: it is closed first.
      for (const dialog of element.querySelectorAll('dialog')) if (dialog.open) dialog.close();
      const { headingId, neighbour } = latest.current;
      const heading = () => document.getElementById(headingId);
      (neighbour?.(element) ?? heading())?.focus();
      // The neighbour may leave in the same commit: a list drawn anew (the meeting moved on to its
      // next item) takes every row at once, and each row's cleanup runs while all are still there,
      // handing the focus along rows that are all going. Once React is done (a microtask comes
      // after the commit), a focus left on the page goes to the heading as it is drawn now.
      queueMicrotask(() => {
        const active = document.activeElement;
        if (!active || active === document.body) heading()?.focus();
      });
    };
  }, [ref]);
}

/**
 * When the controls of `group` change with `key` (Raise hand becomes Lower hand; End turn turns
 * disabled once nobody speaks) while the focus was on one of them, the focus stays: on the group's
 * first control that can take it, else on `fallback` (a heading with tabIndex={-1}), else on the
 * group itself (give it tabIndex={-1} and a name). The focus is read while rendering, before React
 * changes the page, when the control about to go still holds it.
 */
export function useFocusStaysIn(group: RefObject<HTMLElement | null>, key: string, fallback?: () => HTMLElement | null): void {
  const inside = useRef(false);
  inside.current = Boolean(group.current?.contains(document.activeElement));
  const latest = useRef(fallback);
  latest.current = fallback;
  useLayoutEffect(() => {
    const element = group.current;
    if (!inside.current || !element) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && element.contains(active) && !active.matches(':disabled')) return;
    (element.querySelector<HTMLElement>('button:not(:disabled)') ?? latest.current?.() ?? element).focus();
  }, [key, group]);
}

/**
 * Focuses the element with this id once it is on the page: a new meeting's or group's heading comes
 * after the reply, through a reload or the live document, and is drawn by another component. It
 * waits only while the focus is nowhere (on <body>, where the closed form left it): a person who has
 * moved on keeps their place. After `within` ms without the element, `otherwise` takes the focus.
 */
export function focusWhenThere(id: string, otherwise?: () => HTMLElement | null | undefined, within = 5000): void {
  const until = Date.now() + within;
  const attempt = () => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const element = document.getElementById(id);
    if (element) element.focus();
    else if (Date.now() < until) setTimeout(attempt, 50);
    else otherwise?.()?.focus();
  };
  attempt();
}

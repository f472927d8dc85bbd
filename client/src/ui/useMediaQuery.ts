/** Whether a CSS media query matches now, following changes (a window resized, a phone turned). */
import { useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** The meeting page's wide layout (comments in the margin, tools beside): keep equal to styles.css. */
export const WIDE_LAYOUT = '(min-width: 70rem)';

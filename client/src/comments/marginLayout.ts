/**
 * Comment threads in the margin, level with their passages (as in a word processor's margin):
 * each open thread starts where its passage starts in the text, or just below the thread before
 * it when two passages are close. Runs again whenever the passages move (text inserted above,
 * the window resized), so a thread follows its passage as the agenda grows.
 */
import type { Editor } from '@tiptap/core';
import { type RefObject, useLayoutEffect } from 'react';
import type { Range } from './commentAnchors.ts';

/** Space kept between two threads pushed together, in px. */
const GAP = 12;

/** Where a position's line starts on the screen (viewport coordinates), or null when it cannot be told. */
function topOf(editor: Editor, position: number): number | null {
  try {
    return editor.view.coordsAtPos(Math.min(position, editor.state.doc.content.size)).top;
  } catch {
    return null;
  }
}

/**
 * Sets each thread's offset in `list` (the <ul> whose <li data-thread-id> are the open threads,
 * in the order of their passages). Both tops are read in viewport coordinates, so scrolling does
 * not change their difference.
 */
export function placeThreads(list: HTMLElement, editor: Editor, ranges: Map<string, Range | null>): void {
  const items = [...list.children].filter((child): child is HTMLElement => child instanceof HTMLElement);
  for (const item of items) item.style.marginBlockStart = '';
  let cursor = list.getBoundingClientRect().top;
  for (const item of items) {
    const range = ranges.get(item.dataset.threadId ?? '');
    const passageTop = range ? topOf(editor, range.from) : null;
    const naturalTop = item.getBoundingClientRect().top;
    const earliest = Math.max(cursor, naturalTop);
    if (passageTop !== null && passageTop > earliest) item.style.marginBlockStart = `${Math.round(passageTop - naturalTop)}px`;
    cursor = item.getBoundingClientRect().bottom + GAP;
  }
}

export function useMarginLayout(
  list: RefObject<HTMLElement | null>,
  editor: Editor | null,
  ranges: Map<string, Range | null>,
  enabled: boolean,
  /** Changes when the threads shown change (ids, replies), so that their heights are measured again. */
  threadsKey: string,
): void {
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    // The editor is never a destroyed one (useDocumentComments' useLiveEditor), so its view is there.
    if (!enabled || !editor) {
      for (const child of element.children) (child as HTMLElement).style.marginBlockStart = '';
      return;
    }
    const place = () => placeThreads(element, editor, ranges);
    place();
    // The text reflows (a narrower window, images, fonts): passages move without a transaction.
    const observer = new ResizeObserver(place);
    observer.observe(editor.view.dom);
    return () => observer.disconnect();
  }, [list, editor, ranges, enabled, threadsKey]);
}

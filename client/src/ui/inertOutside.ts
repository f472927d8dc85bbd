/**
 * Makes everything on the page but the given elements inert (the `inert` attribute: no focus, no
 * clicks, hidden from assistive technology), as a modal <dialog> does to the page behind it, for an
 * overlay that cannot be a <dialog>: a side sheet, which is a column beside the text on a wide
 * screen and lies over the text only on a narrow one (ui/useSideSheet.tsx).
 *
 * The siblings of each kept element and of each of its ancestors up to <body> are made inert, and
 * so are elements added beside them meanwhile (a banner that appears above the page's tabs): one
 * left out could take the focus under the overlay. What was inert already is left as it was.
 * An ancestor that Tab stops at (a tab panel, `tabindex="0"`) cannot be inert without its
 * overlay: it leaves the Tab order meanwhile (`tabindex="-1"`), its focus ring being drawn around
 * the page under the overlay. Returns the undo.
 *
 * The page's live regions (`role="status"`, `"alert"`, `"log"`, `aria-live`) are kept out of the
 * inert part, with those that appear meanwhile, the way the elements given are: an inert region is
 * out of the accessibility tree, so what it said while the overlay was open (the connection lost,
 * the meeting archived, a new notification) went unannounced.
 */
const LIVE_REGION = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';

export function inertOutside(keep: readonly Element[]): () => void {
  /** The kept elements and their ancestors up to <body>: never inert. */
  const path = new Set<Element>();
  /** The elements whose children are made inert, but for those in `path`. */
  const parents = new Set<Element>();
  const kept: Element[] = [];
  const made = new Set<HTMLElement>();
  const untabbed: [HTMLElement, string][] = [];

  const makeInert = (node: Node) => {
    if (!(node instanceof HTMLElement) || path.has(node) || node.inert) return;
    node.inert = true;
    made.add(node);
  };
  const addParent = (parent: Element) => {
    if (parents.has(parent)) return;
    parents.add(parent);
    for (const child of parent.children) makeInert(child);
    const tabIndex = parent.getAttribute('tabindex');
    if (parent instanceof HTMLElement && tabIndex !== null && parent.tabIndex >= 0) {
      untabbed.push([parent, tabIndex]);
      parent.tabIndex = -1;
    }
  };
  /** Keeps `element` out of the inert part: its ancestors leave it, their other children join it. */
  const keepOut = (element: Element, liveRegion: boolean) => {
    if (kept.some((outer) => outer.contains(element))) return;
    const chain: Element[] = [];
    for (let node: Element | null = element; node && node !== document.body && !path.has(node); node = node.parentElement) {
      // A live region inside something made inert by someone else is left as it is.
      if (liveRegion && node instanceof HTMLElement && node.inert && !made.has(node)) return;
      chain.push(node);
    }
    kept.push(element);
    for (const node of chain) path.add(node);
    // From the top down: each ancestor comes out of the inert part, and its other children go in.
    for (const node of chain.reverse()) {
      if (node instanceof HTMLElement && made.delete(node)) node.inert = false;
      if (node.parentElement) addParent(node.parentElement);
    }
  };

  for (const element of keep) keepOut(element, false);
  for (const region of document.body.querySelectorAll(LIVE_REGION)) keepOut(region, true);

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (parents.has(record.target as Element)) makeInert(node);
        if (!(node instanceof Element)) continue;
        if (node.matches(LIVE_REGION)) keepOut(node, true);
        for (const region of node.querySelectorAll(LIVE_REGION)) keepOut(region, true);
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    for (const node of made) node.inert = false;
    for (const [node, tabIndex] of untabbed) node.setAttribute('tabindex', tabIndex);
  };
}

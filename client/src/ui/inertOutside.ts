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
 */
export function inertOutside(keep: readonly Element[]): () => void {
  const path = new Set<Element>();
  for (const element of keep) {
    for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) path.add(node);
  }
  const made: HTMLElement[] = [];
  const makeInert = (node: Node) => {
    if (!(node instanceof HTMLElement) || path.has(node) || node.inert) return;
    node.inert = true;
    made.push(node);
  };
  const parents = new Set<Element>();
  for (const node of path) if (node.parentElement) parents.add(node.parentElement);
  for (const parent of parents) for (const child of parent.children) makeInert(child);
  const untabbed: [HTMLElement, string][] = [];
  for (const parent of parents) {
    const tabIndex = parent.getAttribute('tabindex');
    if (parent instanceof HTMLElement && tabIndex !== null && parent.tabIndex >= 0) {
      untabbed.push([parent, tabIndex]);
      parent.tabIndex = -1;
    }
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) makeInert(node);
  });
  for (const parent of parents) observer.observe(parent, { childList: true });
  return () => {
    observer.disconnect();
    for (const node of made) node.inert = false;
    for (const [node, tabIndex] of untabbed) node.setAttribute('tabindex', tabIndex);
  };
}

/**
 * The elements that Tab stops at inside the given roots, in the document's order: what a focus
 * wrap (ui/useSideSheet.tsx) needs to know its first and last stop. Elements that are hidden,
 * disabled, inert or out of the Tab order (`tabindex="-1"`) are left out, and of a group of radio
 * buttons only the one Tab stops at (the checked one, else the first).
 */
const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button',
  'input',
  'select',
  'textarea',
  'iframe',
  'details > summary:first-of-type',
  '[tabindex]',
  '[contenteditable]:not([contenteditable="false"])',
  'audio[controls]',
  'video[controls]',
].join(', ');

export function tabbables(roots: readonly Element[]): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const root of roots) {
    for (const element of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      if (element.tabIndex < 0 || element.matches(':disabled') || element.closest('[inert]')) continue;
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      if (element instanceof HTMLInputElement && element.type === 'radio' && element.name && !radioStop(element)) continue;
      found.push(element);
    }
  }
  return found.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Whether Tab stops at this radio button: the group's checked one, else its first. */
function radioStop(radio: HTMLInputElement): boolean {
  const group = [...(radio.form ?? document).querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter(
    (other) => other.name === radio.name && !other.disabled,
  );
  const checked = group.find((other) => other.checked);
  return checked ? checked === radio : group[0] === radio;
}

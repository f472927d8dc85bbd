/**
 * A form that takes the place of the button that opens it ("New meeting", "New working group",
 * "Start an election"). Left alone, the focus falls to the page's <body> twice: the button that held
 * it is gone when the form opens, and the form when it closes; typed text then went nowhere, and
 * the next Tab started again from the top of the page. So:
 * - opening puts the focus in the form's first field;
 * - `close()` (Cancel) gives it back to the button, drawn again;
 * - `close(id)` (created) gives it to the element with that id once it is on the page (the new
 *   thing's heading, or the status line that says it was created), else back to the button;
 * - Escape in the form (`onKeyDown`) is Cancel: closing is all Cancel does, so a form that starts
 *   empty is emptied when it opens, not by its Cancel.
 *
 *   const form = useInlineForm();
 *   {!form.open && <button ref={form.opener} onClick={form.show}>…</button>}
 *   {form.open && <form ref={form.form} onKeyDown={form.onKeyDown}>…<button onClick={() => form.close()}>Cancel</button></form>}
 */
import { type KeyboardEvent, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { focusWhenThere } from './focus.ts';

/** What a form's first field is: the first control a person fills in. */
const FIELD = 'input:not([type="hidden"]), select, textarea';

export function useInlineForm(initiallyOpen = false) {
  const [open, setOpen] = useState(initiallyOpen);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Where the focus goes once the form is gone, read by the render that closes it.
  const landing = useRef<{ id?: string } | null>(null);

  // A layout effect: the button is back on the page, and takes the focus before anything is painted.
  useLayoutEffect(() => {
    if (open) {
      form.current?.querySelector<HTMLElement>(FIELD)?.focus();
      return;
    }
    const to = landing.current;
    landing.current = null;
    if (to?.id) focusWhenThere(to.id, () => opener.current);
    else if (to) opener.current?.focus();
  }, [open]);

  const show = useCallback(() => setOpen(true), []);
  const close = useCallback((id?: string) => {
    landing.current = id ? { id } : {};
    setOpen(false);
  }, []);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // Handled already (the editor's toolbar sends Escape back to its text), or ending an IME composition.
      if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
      // A dialog opened from the form closes itself.
      const dialog = event.target instanceof Element ? event.target.closest('dialog[open]') : null;
      if (dialog && event.currentTarget.contains(dialog)) return;
      // Stopped here: a side sheet (ui/useSideSheet.tsx, listening on the document) or a dialog that
      // holds the form stays open.
      event.preventDefault();
      event.stopPropagation();
      close();
    },
    [close],
  );
  return { open, show, close, opener, form, onKeyDown };
}

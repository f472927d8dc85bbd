/**
 * A form that takes the place of the button that opens it ("New meeting", "New working group",
 * "Start an election"). Left alone, the focus falls to the page's <body> twice: the button that held
 * it is gone when the form opens, and the form when it closes; typed text then went nowhere, and
 * the next Tab started again from the top of the page. So:
 * - opening puts the focus in the form's first field;
 * - `close()` (Cancel) gives it back to the button, drawn again;
 * - `close(id)` (created) gives it to the element with that id once it is on the page (the new
 *   thing's heading, or the status line that says it was created), else back to the button.
 *
 *   const form = useInlineForm();
 *   {!form.open && <button ref={form.opener} onClick={form.show}>…</button>}
 *   {form.open && <form ref={form.form}>…<button onClick={() => form.close()}>Cancel</button></form>}
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { focusWhenThere } from './focus.ts';

/** What a form's first field is: the first control a person fills in. */
const FIELD = 'input:not([type="hidden"]), select, textarea';

export function useInlineForm(initiallyOpen = false) {
  const [open, setOpen] = useState(initiallyOpen);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Where the focus goes once the form is gone: a new object per close, so that each close moves it.
  const [landing, setLanding] = useState<{ id?: string } | null>(null);

  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>(FIELD)?.focus();
  }, [open]);
  useEffect(() => {
    if (!landing) return;
    if (landing.id) focusWhenThere(landing.id, () => opener.current);
    else opener.current?.focus();
  }, [landing]);

  const show = useCallback(() => setOpen(true), []);
  const close = useCallback((id?: string) => {
    setOpen(false);
    setLanding(id ? { id } : {});
  }, []);
  return { open, show, close, opener, form };
}

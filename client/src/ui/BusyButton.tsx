/**
 * A button whose own request is running. It says so with aria-disabled="true" and refuses clicks
 * (and a form's submission through it), but stays focusable: a `disabled` button loses the focus
 * in Chromium, which drops a keyboard or screen-reader user at the top of the page every time a
 * save or a vote runs. Use `disabled` only for what cannot be done at all (no permission, nothing
 * to move); `busy` for "wait, it is running".
 *
 *   const { busy, run } = useCommand(...);
 *   <BusyButton busy={busy} className="button" onClick={() => run(...)}>…</BusyButton>
 */
import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react';

export interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** True while the request this button started runs. */
  busy: boolean;
  ref?: Ref<HTMLButtonElement>;
}

export function BusyButton({ busy, onClick, type = 'button', ...props }: BusyButtonProps) {
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      // A cancelled click is also a cancelled submission (Enter in a field of its form included).
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return <button {...props} type={type} aria-disabled={busy || props['aria-disabled'] || undefined} onClick={click} />;
}

/**
 * Sends a command to the server from a button: busy while it runs (its BusyButtons refuse clicks
 * but keep the focus), then a message for a status line, what was done or why it failed. Inside a
 * OneStatus (./oneStatus.tsx) the message lasts until another command of the same tab says one.
 *
 *   const { busy, message, run } = useCommand((why) => t('polls.controls.failed', { message: why }));
 *   <BusyButton busy={busy} onClick={() => run(() => post(path), t('polls.controls.opened'))}>…</BusyButton>
 *
 * `done` may be a function of the command's answer, when what was done is known only then (the
 * chair's *Next speaker*: who now has the floor).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CommandMessage, useOneStatus } from './oneStatus.tsx';

export type { CommandMessage };

/** useCommand's `run`, for a component that runs commands through its parent's status line. */
export type RunCommand = <T>(
  command: () => Promise<T>,
  done: string | ((result: T) => string),
  saidElsewhere?: (error: unknown) => boolean,
) => Promise<void>;

/**
 * How long the status line stays empty before a message equal to the one it shows is put back.
 * A live region is spoken when its text changes: the same words set again change nothing in the
 * page, and a screen reader said nothing on the second press ("… is already first."). Emptied,
 * then filled again a moment later, it is spoken again; at once (one frame), some screen readers
 * merge the two changes into none.
 */
export const REPEAT_ANNOUNCE_MS = 150;

export function useCommand(failed: (reason: string) => string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useOneStatus();
  const shown = useRef<CommandMessage | null>(null);
  const repeat = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(repeat.current), []);
  const show = useCallback(
    (next: CommandMessage | null) => {
      clearTimeout(repeat.current);
      const same = next !== null && shown.current?.text === next.text && shown.current.error === next.error;
      shown.current = next;
      if (!same) return setMessage(next);
      setMessage(null);
      repeat.current = setTimeout(() => setMessage(next), REPEAT_ANNOUNCE_MS);
    },
    [setMessage],
  );
  /** `saidElsewhere` says whether a failure was already said elsewhere (beside a field): then the status line is cleared. */
  const run: RunCommand = async <T>(
    command: () => Promise<T>,
    done: string | ((result: T) => string),
    saidElsewhere?: (error: unknown) => boolean,
  ): Promise<void> => {
    setBusy(true);
    try {
      const result = await command();
      const text = typeof done === 'function' ? done(result) : done;
      // Nothing to say (`done` empty): the command's own line is cleared, and in a OneStatus a
      // message said by another place meanwhile (the tab's "The draft was deleted.") stays.
      show(text ? { text, error: false } : null);
    } catch (error) {
      if (saidElsewhere?.(error)) show(null);
      else show({ text: failed((error as Error).message), error: true });
    } finally {
      setBusy(false);
    }
  };
  /** Says something without a request (a refused press: "… is already first."). */
  const say = useCallback((text: string) => show({ text, error: false }), [show]);
  /** Takes the message away, once what it said no longer holds (the live state moved on). */
  const clear = useCallback(() => show(null), [show]);
  return { busy, message, run, say, clear };
}

/**
 * Sends a command to the server from a button: busy while it runs (its BusyButtons refuse clicks
 * but keep the focus), then a message for a status line, what was done or why it failed. Inside a
 * OneStatus (./oneStatus.tsx) the message lasts until another command of the same tab says one.
 *
 *   const { busy, message, run } = useCommand((why) => t('polls.controls.failed', { message: why }));
 *   <BusyButton busy={busy} onClick={() => run(() => post(path), t('polls.controls.opened'))}>…</BusyButton>
 */
import { useCallback, useState } from 'react';
import { type CommandMessage, useOneStatus } from './oneStatus.tsx';

export type { CommandMessage };

export function useCommand(failed: (reason: string) => string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useOneStatus();
  /** `shown` says whether a failure was already said elsewhere (beside a field): then the status line is cleared. */
  const run = async (command: () => Promise<unknown>, done: string, shown?: (error: unknown) => boolean): Promise<void> => {
    setBusy(true);
    try {
      await command();
      // Nothing to say (`done` empty): the command's own line is cleared, and in a OneStatus a
      // message said by another place meanwhile (the tab's "The draft was deleted.") stays.
      setMessage(done ? { text: done, error: false } : null);
    } catch (error) {
      if (shown?.(error)) setMessage(null);
      else setMessage({ text: failed((error as Error).message), error: true });
    } finally {
      setBusy(false);
    }
  };
  /** Says something without a request (a refused press: "… is already first."). */
  const say = useCallback((text: string) => setMessage({ text, error: false }), [setMessage]);
  /** Takes the message away, once what it said no longer holds (the live state moved on). */
  const clear = useCallback(() => setMessage(null), [setMessage]);
  return { busy, message, run, say, clear };
}

/**
 * Sends a command to the server from a button: busy while it runs (its BusyButtons refuse clicks
 * but keep the focus), then a message for a status line, what was done or why it failed.
 *
 *   const { busy, message, run } = useCommand((why) => t('polls.controls.failed', { message: why }));
 *   <BusyButton busy={busy} onClick={() => run(() => post(path), t('polls.controls.opened'))}>…</BusyButton>
 */
import { useCallback, useState } from 'react';

export interface CommandMessage {
  text: string;
  error: boolean;
}

export function useCommand(failed: (reason: string) => string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<CommandMessage | null>(null);
  /** `shown` says whether a failure was already said elsewhere (beside a field): then the status line is cleared. */
  const run = async (command: () => Promise<unknown>, done: string, shown?: (error: unknown) => boolean): Promise<void> => {
    setBusy(true);
    try {
      await command();
      setMessage({ text: done, error: false });
    } catch (error) {
      if (shown?.(error)) setMessage(null);
      else setMessage({ text: failed((error as Error).message), error: true });
    } finally {
      setBusy(false);
    }
  };
  /** Says something without a request (a refused press: "… is already first."). */
  const say = useCallback((text: string) => setMessage({ text, error: false }), []);
  /** Takes the message away, once what it said no longer holds (the live state moved on). */
  const clear = useCallback(() => setMessage(null), []);
  return { busy, message, run, say, clear };
}

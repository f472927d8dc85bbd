/**
 * How many times `value`, read from the meeting's live document, has changed since the document
 * arrived: for something fetched at load that must be fetched again when the live state moves.
 * Before the live document is in sync its maps are empty, so the value it then arrives with is
 * what the page loaded, not a change (a dependency on the value itself fetched everything twice).
 */
import { useEffect, useRef, useState } from 'react';
import { useMeetingContext } from './MeetingContext.tsx';

export function useLiveChanges(value: unknown): number {
  const { live } = useMeetingContext();
  const doc = live?.doc;
  const synced = live?.synced ?? false;
  const seen = useRef<{ doc: object; value: unknown } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!doc || !synced) return;
    const before = seen.current;
    seen.current = { doc, value };
    // A change made while the connection was down counts when the document is in sync again.
    if (before && before.doc === doc && !Object.is(before.value, value)) setChanges((count) => count + 1);
  }, [doc, synced, value]);
  return changes;
}

/**
 * One map of the live document as a plain object that re-renders on change, typed by the
 * registry of shared/liveMaps.ts: `useLiveMap('polls')` is a record of polls.
 */
import { useEffect, useState } from 'react';
import type { LiveMapEntry, LiveMapName } from '../../../shared/liveMaps.ts';
import { useMeetingContext } from './MeetingContext.tsx';

export function useLiveMap<N extends LiveMapName>(map: N): Record<string, LiveMapEntry<N>> {
  const { live } = useMeetingContext();
  const [entries, setEntries] = useState<Record<string, LiveMapEntry<N>>>({});
  useEffect(() => {
    if (!live) return;
    const ymap = live.doc.getMap<LiveMapEntry<N>>(map);
    const update = () => setEntries(Object.fromEntries(ymap.entries()));
    update();
    ymap.observe(update);
    return () => ymap.unobserve(update);
  }, [live?.doc, map]);
  return entries;
}

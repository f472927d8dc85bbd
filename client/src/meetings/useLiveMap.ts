/**
 * One map of the live document as a plain object that re-renders on change:
 * `useLiveMap<PollProjection>('polls')`.
 */
import { useEffect, useState } from 'react';
import { useMeetingContext } from './MeetingContext.tsx';

export function useLiveMap<T>(map: string): Record<string, T> {
  const { live } = useMeetingContext();
  const [entries, setEntries] = useState<Record<string, T>>({});
  useEffect(() => {
    if (!live) return;
    const ymap = live.doc.getMap<T>(map);
    const update = () => setEntries(Object.fromEntries(ymap.entries()) as Record<string, T>);
    update();
    ymap.observe(update);
    return () => ymap.unobserve(update);
  }, [live?.doc, map]);
  return entries;
}

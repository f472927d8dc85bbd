/**
 * The running meeting as every screen sees it: the current item and since when (from the
 * server's `meeting` map of the live document), the end of the day, and a clock corrected to the
 * server's so that elapsed times agree between screens.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_DAY } from '../../../shared/agendaItems.ts';
import { LIVE_MEETING_MAP } from '../../../shared/constants/meetingRecord.ts';
import type { RunState } from '../../../shared/schemas/meetingRecord.ts';
import { get, put } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';

export interface RunView {
  currentItem: string | null;
  startedAt: number | null;
  dayEnd: string;
  /** Server time now, in ms (ticks every `tickMs`). */
  now: number;
}

export function useRunState(tickMs = 15_000): RunView {
  const { meeting } = useMeetingContext();
  const live = useLiveMap(LIVE_MEETING_MAP);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let active = true;
    const asked = Date.now();
    get<RunState>(`/api/meetings/${encodeURIComponent(meeting.id)}/run`).then(
      (state) => active && setOffset(state.now - (asked + Date.now()) / 2),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [meeting.id]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return {
    currentItem: typeof live.currentItem === 'string' ? live.currentItem : null,
    startedAt: typeof live.startedAt === 'number' ? live.startedAt : null,
    dayEnd: typeof live.dayEnd === 'string' ? live.dayEnd : DEFAULT_DAY.end,
    now: now + offset,
  };
}

/** `from`: the item the move leaves as the mover saw it; given, the server refuses it once another is current. */
export const setCurrentItem = (meetingId: string, itemId: string | null, from?: string | null) =>
  put<RunState>(
    `/api/meetings/${encodeURIComponent(meetingId)}/current-item`,
    from === undefined ? { itemId } : { itemId, from },
  );

export const setDayEnd = (meetingId: string, dayEnd: string) =>
  put<RunState>(`/api/meetings/${encodeURIComponent(meetingId)}/schedule`, { dayEnd });

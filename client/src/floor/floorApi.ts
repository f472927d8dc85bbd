/**
 * The floor as a client sees it: the live `floor`, `questions` and `meeting` maps, a clock
 * corrected to the server's (so countdowns agree between screens and after a reconnection), and
 * the HTTP commands.
 */
import { useEffect, useState } from 'react';
import { emptyBalance, FLOOR_LIMITS, LIVE_FLOOR_MAP } from '../../../shared/constants/floor.ts';
import { LIVE_MEETING_MAP } from '../../../shared/constants/meetingRecord.ts';
import type { DayBalance, FloorItem, FloorMeta, FloorState, Speaking } from '../../../shared/schemas/floor.ts';
import { del, get, post, put } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';

export const floorPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/floor`;
export const questionsPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/questions`;
export const presentPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}/floor/present`;

export interface FloorView {
  currentItemId: string | null;
  item: FloorItem;
  speaking: Speaking | undefined;
  day: DayBalance | undefined;
  meta: FloorMeta;
}

export function useFloor(): FloorView {
  const floor = useLiveMap(LIVE_FLOOR_MAP);
  const meeting = useLiveMap(LIVE_MEETING_MAP);
  const currentItemId = typeof meeting.currentItem === 'string' ? meeting.currentItem : null;
  const meta = (floor.meta as FloorMeta | undefined) ?? {
    pendingQuestions: 0,
    pendingByItem: {},
    questionsNeedApproval: false,
    defaultLimitSeconds: FLOOR_LIMITS.defaultSeconds,
  };
  const item = (floor[`item:${currentItemId ?? ''}`] as FloorItem | undefined) ?? {
    itemId: currentItemId,
    queue: [],
    left: {},
    balance: emptyBalance(),
    limitSeconds: meta.defaultLimitSeconds,
    balanceRule: 'none',
  };
  return {
    currentItemId,
    item,
    speaking: floor.speaking as Speaking | undefined,
    day: floor.day as DayBalance | undefined,
    meta,
  };
}

/**
 * Server time minus this device's time, in ms, measured again at every (re)connection of the
 * live document: a countdown is `since + limit - (Date.now() + offset)`.
 */
export function useServerOffset(): number {
  const { meeting, live } = useMeetingContext();
  const [offset, setOffset] = useState(0);
  const synced = live?.synced ?? false;
  useEffect(() => {
    let active = true;
    const asked = Date.now();
    get<FloorState>(floorPath(meeting.id)).then(
      (state) => active && setOffset(state.now - (asked + Date.now()) / 2),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [meeting.id, synced]);
  return offset;
}

/** Re-renders every `ms` while mounted; returns the device's time. */
export function useTick(ms: number, running = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, running]);
  return now;
}

export const floorCommands = (meetingId: string) => ({
  raise: (body: { pointOfOrder?: boolean; userId?: string } = {}) => post(`${floorPath(meetingId)}/hands`, body),
  lower: (handId: string) => del(`${floorPath(meetingId)}/hands/${encodeURIComponent(handId)}`),
  next: (handId?: string) => post<FloorState>(`${floorPath(meetingId)}/next`, handId ? { handId } : {}),
  endTurn: () => post(`${floorPath(meetingId)}/end-turn`),
  reorder: (ids: string[]) => put(`${floorPath(meetingId)}/queue`, { ids }),
  settings: (limitSeconds: number, balanceRule: string) => put(`${floorPath(meetingId)}/settings`, { limitSeconds, balanceRule }),
});

export const formatSeconds = (seconds: number): string => {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

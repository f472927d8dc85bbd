/** Loads one meeting or the list, with loading and error states. */
import { useEffect, useState } from 'react';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { get } from '../app/api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
}

export function useLoad<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState({ data: undefined, error: undefined });
    get<T>(path).then(
      (data) => live && setState({ data, error: undefined }),
      (error: Error) => live && setState({ data: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

export const useMeetings = () => useLoad<MeetingDto[]>('/api/meetings');
export const useMeeting = (id: string) => useLoad<MeetingDto>(`/api/meetings/${encodeURIComponent(id)}`);

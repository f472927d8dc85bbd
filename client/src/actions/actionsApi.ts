/** The action items' HTTP commands, and the data the action form offers to choose from. */
import { useEffect, useState } from 'react';
import type { ActionDto, ActionHistoryEntry, ActionPatch, NewAction } from '../../../shared/schemas/actions.ts';
import type { AgendaItemSummary } from '../../../shared/schemas/meetingRecord.ts';
import { get, patch, post } from '../app/api.ts';

const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

export const createAction = (meetingId: string, body: NewAction) => post<ActionDto>(`${meetingPath(meetingId)}/actions`, body);
export const updateAction = (id: string, body: ActionPatch) => patch<ActionDto>(`/api/actions/${encodeURIComponent(id)}`, body);
export const actionHistory = (id: string) => get<ActionHistoryEntry[]>(`/api/actions/${encodeURIComponent(id)}/history`);
export const listActions = (meetingId: string) => get<ActionDto[]>(`${meetingPath(meetingId)}/actions`);

export interface Member {
  id: string;
  name: string;
  role: string;
}

export const searchMembers = (q: string) => get<Member[]>(`/api/members?q=${encodeURIComponent(q)}&limit=20`);

/** The agenda's items (numbered), for filing an action under one. */
export function useAgendaItemList(meetingId: string, refreshKey = 0): AgendaItemSummary[] {
  const [items, setItems] = useState<AgendaItemSummary[]>([]);
  useEffect(() => {
    let active = true;
    get<AgendaItemSummary[]>(`${meetingPath(meetingId)}/agenda-items`).then(
      (list) => active && setItems(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [meetingId, refreshKey]);
  return items;
}

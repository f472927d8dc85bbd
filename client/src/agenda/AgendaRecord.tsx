/**
 * The meeting record's part of the agenda tab: the editor extension that shows agenda items
 * (numbers, times, the current item), and the panels beside the editor (now, day view, versions).
 */
import type { AnyExtension } from '@tiptap/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { DEFAULT_DAY } from '../../../shared/agendaItems.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import type { Tool } from '../ui/ToolPanel.tsx';
import { VersionHistory } from '../versions/VersionHistory.tsx';
import { AgendaDisplayChannel, agendaItemDecorations } from './agendaItemDecorations.ts';
import { useAgendaItems } from './agendaItemsModel.ts';
import { CurrentItemPanel } from './CurrentItemPanel.tsx';
import { DayView } from './DayView.tsx';
import { useRunState } from './useRunState.ts';
import './agenda.css';

/** The editor extensions of the agenda, fed with the meeting's live state. */
export function useAgendaExtensions(): AnyExtension[] {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const run = useRunState(60_000);
  const channel = useMemo(
    () =>
      new AgendaDisplayChannel({
        currentItem: null,
        dayStart: meeting.startTime || DEFAULT_DAY.start,
        dayEnd: DEFAULT_DAY.end,
        startsOn: meeting.startsOn,
        endsOn: meeting.endsOn,
        timeZone: meeting.timeZone,
        meetingId: meeting.id,
        t,
      }),
    // One channel per meeting; its state follows below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [meeting.id],
  );
  useEffect(() => {
    channel.set({
      currentItem: run.currentItem,
      dayStart: meeting.startTime || DEFAULT_DAY.start,
      dayEnd: run.dayEnd,
      startsOn: meeting.startsOn,
      endsOn: meeting.endsOn,
      timeZone: meeting.timeZone,
      meetingId: meeting.id,
      t,
    });
  }, [
    channel,
    run.currentItem,
    run.dayEnd,
    meeting.startTime,
    meeting.startsOn,
    meeting.endsOn,
    meeting.timeZone,
    meeting.id,
    t,
  ]);
  return useMemo(() => [agendaItemDecorations(channel)], [channel]);
}

/** The agenda's tools beside the text: the current item, the day view and the versions. */
export function useAgendaTools(doc: Y.Doc | null, editable: boolean): Tool[] {
  const { t } = useTranslation();
  const items = useAgendaItems(doc);
  const run = useRunState();
  if (!doc) return [];
  return [
    { id: 'now', label: t('agendaItems.nowTitle'), content: <CurrentItemPanel items={items} run={run} /> },
    { id: 'day', label: t('agendaItems.dayView'), content: <DayView doc={doc} items={items} run={run} editable={editable} /> },
    { id: 'versions', label: t('versions.title'), content: <VersionHistory /> },
  ];
}

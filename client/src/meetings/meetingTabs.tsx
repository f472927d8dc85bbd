/** The views of a meeting page, in order. Each feature owns its tab's component. */
import type { ComponentType } from 'react';
import { ActionsTab } from '../actions/ActionsTab.tsx';
import { AgendaTab } from '../agenda/AgendaTab.tsx';
import { AttachmentsTab } from '../attachments/AttachmentsTab.tsx';
import { FloorTab } from '../floor/FloorTab.tsx';
import { PollsTab } from '../polls/PollsTab.tsx';
import { ProposalsTab } from '../proposals/ProposalsTab.tsx';
import { WorkingGroupsTab } from '../workingGroups/WorkingGroupsTab.tsx';

export interface MeetingTab {
  id: string;
  /** i18n key of the tab's label. */
  labelKey: string;
  Component: ComponentType;
}

export const MEETING_TABS: MeetingTab[] = [
  { id: 'agenda', labelKey: 'meeting.tabs.agenda', Component: AgendaTab },
  { id: 'proposals', labelKey: 'meeting.tabs.proposals', Component: ProposalsTab },
  { id: 'polls', labelKey: 'meeting.tabs.polls', Component: PollsTab },
  { id: 'groups', labelKey: 'meeting.tabs.groups', Component: WorkingGroupsTab },
  { id: 'actions', labelKey: 'meeting.tabs.actions', Component: ActionsTab },
  { id: 'floor', labelKey: 'floor.tab', Component: FloorTab },
  { id: 'attachments', labelKey: 'attachments.title', Component: AttachmentsTab },
];

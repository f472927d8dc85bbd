/**
 * The views of a meeting page, in order. Each feature owns its tab's component. The agenda, the
 * first view, comes with the page; every other tab's code loads when the tab is first opened, so
 * that a slow link carries only what the first screen shows (issue #15).
 */
import { type ComponentType, lazy } from 'react';
import { AgendaTab } from '../agenda/AgendaTab.tsx';

export interface MeetingTab {
  id: string;
  /** i18n key of the tab's label. */
  labelKey: string;
  Component: ComponentType;
}

const ProposalsTab = lazy(() => import('../proposals/ProposalsTab.tsx').then((m) => ({ default: m.ProposalsTab })));
const PollsTab = lazy(() => import('../polls/PollsTab.tsx').then((m) => ({ default: m.PollsTab })));
const WorkingGroupsTab = lazy(() =>
  import('../workingGroups/WorkingGroupsTab.tsx').then((m) => ({ default: m.WorkingGroupsTab })),
);
const ActionsTab = lazy(() => import('../actions/ActionsTab.tsx').then((m) => ({ default: m.ActionsTab })));
const FloorTab = lazy(() => import('../floor/FloorTab.tsx').then((m) => ({ default: m.FloorTab })));
const AttachmentsTab = lazy(() => import('../attachments/AttachmentsTab.tsx').then((m) => ({ default: m.AttachmentsTab })));

export const MEETING_TABS: MeetingTab[] = [
  { id: 'agenda', labelKey: 'meeting.tabs.agenda', Component: AgendaTab },
  { id: 'proposals', labelKey: 'meeting.tabs.proposals', Component: ProposalsTab },
  { id: 'polls', labelKey: 'meeting.tabs.polls', Component: PollsTab },
  { id: 'groups', labelKey: 'meeting.tabs.groups', Component: WorkingGroupsTab },
  { id: 'actions', labelKey: 'meeting.tabs.actions', Component: ActionsTab },
  { id: 'floor', labelKey: 'floor.tab', Component: FloorTab },
  { id: 'attachments', labelKey: 'attachments.title', Component: AttachmentsTab },
];

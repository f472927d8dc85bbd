/**
 * The cycle timeline: every meeting, call deadline, poll (opened or closed) and action due date,
 * in date order. Filters: one working group (its meeting, its polls, the actions it owns) and
 * "mine" (meetings and calls, which concern everyone, plus the person's own actions, actions
 * of their role, and polls of the working groups they belong to).
 */
import type { Owner } from '../../../shared/schemas/actions.ts';
import type { TimelineDto, TimelineItem, TimelineQuery } from '../../../shared/schemas/timeline.ts';
import type { CallStore } from '../calls/callStore.ts';
import { isCallOpen } from '../calls/callStore.ts';
import { canReadMeeting } from '../meetings/meetingPolicy.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { TimelineStore } from './timelineStore.ts';
import { timelineTitle } from './timelineTitle.ts';

/** An item with its English title, said from its parts as the calendar feed says it in other languages. */
const titled = (item: Omit<TimelineItem, 'title'>): TimelineItem => ({ ...item, title: timelineTitle(item, 'en') });

export class TimelineService {
  private readonly store: Store;
  private readonly timeline: TimelineStore;
  private readonly calls: CallStore;

  constructor(store: Store, timeline: TimelineStore, calls: CallStore) {
    this.store = store;
    this.timeline = timeline;
    this.calls = calls;
  }

  async forUser(user: User, query: TimelineQuery = {}): Promise<TimelineDto> {
    const meetings = await this.store.meetings.list();
    const titles = new Map(meetings.map((meeting) => [meeting.id, meeting.title]));
    const groups = await this.timeline.workingGroups();
    const myGroups = await this.timeline.groupsOf(user.id);
    const groupMeeting = new Map(groups.map((group) => [group.id, group.meeting_id]));
    const items: TimelineItem[] = [];
    const base = (meetingId: string) => ({ meetingId, meetingTitle: titles.get(meetingId) ?? '' });

    for (const meeting of meetings) {
      items.push(
        titled({
          key: `meeting:${meeting.id}`,
          kind: 'meeting',
          id: meeting.id,
          ...base(meeting.id),
          subject: meeting.title,
          callKind: null,
          dueLabel: null,
          start: meeting.startsOn,
          end: meeting.endsOn,
          allDay: true,
          status: meeting.status,
          workingGroupId: null,
          mine: false,
          link: `/meetings/${meeting.id}`,
        }),
      );
    }
    const now = Date.now();
    for (const call of await this.calls.all()) {
      items.push(
        titled({
          key: `call:${call.id}`,
          kind: 'call',
          id: call.id,
          ...base(call.meetingId),
          subject: '',
          callKind: call.kind,
          dueLabel: null,
          start: new Date(call.closesAt).toISOString(),
          end: null,
          allDay: false,
          status: isCallOpen(call, now) ? 'open' : call.opensAt > now ? 'upcoming' : 'closed',
          workingGroupId: null,
          mine: false,
          link: `/meetings/${call.meetingId}?tab=proposals`,
        }),
      );
    }
    for (const poll of await this.timeline.polls()) {
      const at = poll.status === 'closed' ? poll.closed_at : poll.opened_at;
      if (at === null) continue;
      items.push(
        titled({
          key: `poll:${poll.id}`,
          kind: 'poll',
          id: poll.id,
          ...base(poll.meeting_id),
          subject: poll.question,
          callKind: null,
          dueLabel: null,
          start: new Date(Number(at)).toISOString(),
          end: null,
          allDay: false,
          status: poll.status,
          workingGroupId: poll.working_group_id,
          mine: poll.working_group_id !== null && myGroups.has(poll.working_group_id),
          link: `/meetings/${poll.meeting_id}?tab=polls`,
        }),
      );
    }
    for (const action of await this.timeline.actionsWithDue()) {
      const owner = JSON.parse(action.owner) as Owner;
      const groupId = owner.kind === 'group' && owner.refId && groupMeeting.has(owner.refId) ? owner.refId : null;
      items.push(
        titled({
          key: `action:${action.id}`,
          kind: 'action',
          id: action.id,
          ...base(action.meeting_id),
          subject: action.text,
          callKind: null,
          dueLabel: action.due_label,
          start: action.due_end!,
          end: null,
          allDay: true,
          status: action.status,
          workingGroupId: groupId,
          mine:
            action.owner_user_id === user.id || action.owner_role === user.role || (groupId !== null && myGroups.has(groupId)),
          link: `/meetings/${action.meeting_id}?tab=actions`,
        }),
      );
    }

    // A public registrant's timeline holds only the meetings they may read, and what is in them.
    const readable = new Set(meetings.filter((meeting) => canReadMeeting(user, meeting)).map((meeting) => meeting.id));
    let shown = items.filter((item) => readable.has(item.meetingId));
    if (query.workingGroup) {
      const meetingOfGroup = groupMeeting.get(query.workingGroup);
      shown = shown.filter(
        (item) => item.workingGroupId === query.workingGroup || (item.kind === 'meeting' && item.meetingId === meetingOfGroup),
      );
    }
    if (query.mine) shown = shown.filter((item) => item.kind === 'meeting' || item.kind === 'call' || item.mine);
    shown.sort((a, b) => a.start.localeCompare(b.start) || a.key.localeCompare(b.key));
    return {
      items: shown,
      workingGroups: groups
        .filter((group) => readable.has(group.meeting_id))
        .map((group) => ({
          id: group.id,
          name: group.name,
          meetingTitle: titles.get(group.meeting_id) ?? '',
        })),
    };
  }
}

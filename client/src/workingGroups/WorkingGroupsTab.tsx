/**
 * The Working Groups tab: the MAG Working Groups of the meeting, live from its live document (a
 * member joining or leaving shows on every screen at once), each followed by its sub-groups, with
 * joining and leaving, nominations for co-facilitator, and elections; archived groups are listed
 * apart. The secretariat creates, edits and archives groups here.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useWorkingGroups } from '../polls/usePolls.ts';
import { OneStatus } from '../ui/oneStatus.tsx';
import { CreateWorkingGroupForm } from './CreateWorkingGroupForm.tsx';
import { WorkingGroupCard } from './WorkingGroupCard.tsx';
import { canCreateGroups } from './workingGroupPolicy.ts';
import './workingGroups.css';

const byName = (a: WorkingGroupDto, b: WorkingGroupDto) => a.name.localeCompare(b.name);

export function WorkingGroupsTab() {
  // One status line for the tab, as the Polls tab's: joining a second group takes the first
  // group's "You joined …" away, and a group created, saved or archived says only that.
  return (
    <OneStatus>
      <WorkingGroupsList />
    </OneStatus>
  );
}

function WorkingGroupsList() {
  const { t } = useTranslation();
  const { live, meeting, user } = useMeetingContext();
  const byId = useWorkingGroups();
  const { groups, subGroups, archived } = useMemo(() => {
    const all = Object.values(byId);
    const active = all.filter((group) => !group.archived);
    return {
      groups: active.filter((group) => group.parentId === null || !byId[group.parentId]).sort(byName),
      subGroups: (parentId: string) => active.filter((group) => group.parentId === parentId).sort(byName),
      archived: all.filter((group) => group.archived).sort(byName),
    };
  }, [byId]);
  return (
    <section className="working-groups" aria-labelledby="working-groups-title">
      <h2 id="working-groups-title">{t('workingGroups.title')}</h2>
      <p className="working-groups__intro">{t('workingGroups.intro')}</p>
      {canCreateGroups(user, meeting) && <CreateWorkingGroupForm meetingId={meeting.id} />}
      {groups.length === 0 ? (
        <p>{live?.synced ? t('workingGroups.empty') : t('workingGroups.loading')}</p>
      ) : (
        <ul className="working-groups__list" aria-label={t('workingGroups.listLabel')}>
          {groups.map((group) => {
            const subs = subGroups(group.id);
            return (
              <li key={group.id} className="working-groups__item">
                <WorkingGroupCard group={group} />
                {subs.length > 0 && (
                  <ul className="working-groups__subgroups" aria-label={t('workingGroups.subGroupsOf', { group: group.name })}>
                    {subs.map((sub) => (
                      <li key={sub.id}>
                        <WorkingGroupCard group={sub} parentName={group.name} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {archived.length > 0 && (
        <section className="working-groups__archived" aria-labelledby="working-groups-archived">
          <h3 id="working-groups-archived">{t('workingGroups.archivedTitle')}</h3>
          <p className="working-groups__intro">{t('workingGroups.archivedIntro')}</p>
          <ul className="working-groups__list" aria-label={t('workingGroups.archivedTitle')}>
            {archived.map((group) => (
              <li key={group.id}>
                <WorkingGroupCard
                  group={group}
                  {...(group.parentId && byId[group.parentId] ? { parentName: byId[group.parentId]!.name } : {})}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/**
 * The Working Groups tab: the MAG Working Groups of the meeting, live from its live document (a
 * member joining or leaving shows on every screen at once), with joining and leaving,
 * nominations for co-facilitator, and elections.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useWorkingGroups } from '../polls/usePolls.ts';
import { WorkingGroupCard } from './WorkingGroupCard.tsx';
import './workingGroups.css';

export function WorkingGroupsTab() {
  const { t } = useTranslation();
  const { live } = useMeetingContext();
  const byId = useWorkingGroups();
  const groups = useMemo(() => Object.values(byId).sort((a, b) => a.name.localeCompare(b.name)), [byId]);
  return (
    <section className="working-groups" aria-labelledby="working-groups-title">
      <h2 id="working-groups-title">{t('workingGroups.title')}</h2>
      <p className="working-groups__intro">{t('workingGroups.intro')}</p>
      {groups.length === 0 ? (
        <p>{live?.synced ? t('workingGroups.empty') : t('workingGroups.loading')}</p>
      ) : (
        <ul className="working-groups__list" aria-label={t('workingGroups.listLabel')}>
          {groups.map((group) => (
            <li key={group.id}>
              <WorkingGroupCard group={group} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

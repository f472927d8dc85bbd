/**
 * The meeting's documents: those of the meeting itself, then one panel per agenda item, each a
 * drop zone. A search result's link (#item-… or #attachment-…) lands on its panel.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useAgendaItemList } from '../actions/actionsApi.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';

export function AttachmentsTab() {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const items = useAgendaItemList(meeting.id);
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash || items.length === 0) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash, items.length]);
  return (
    <div className="attachments-tab">
      <h2>{t('attachments.title')}</h2>
      <AttachmentsPanel target={{ meetingId: meeting.id }} heading={t('attachments.ofMeeting')} level={3} />
      <ul className="attachments-tab__items" aria-label={t('attachments.byItem')}>
        {items.map((item) => (
          <li key={item.id}>
            <AttachmentsPanel
              id={`item-${item.id}`}
              target={{ meetingId: meeting.id, itemId: item.id }}
              heading={numberedTitle(item, t)}
              level={3}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

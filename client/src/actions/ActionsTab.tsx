/**
 * What the meeting decided: its action items (all of them, or "my actions"), overdue ones
 * highlighted, kept live from the server's projection; a form to record a new one; and the
 * meeting pack in its formats.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isOwnedBy, type SourceType } from '../../../shared/constants/actions.ts';
import { LIVE_ACTIONS_MAP } from '../../../shared/constants/meetingRecord.ts';
import { isOverdue, todayIso } from '../../../shared/dueDates.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { PackLinks } from '../pack/PackLinks.tsx';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { useSideSheet } from '../ui/useSideSheet.tsx';
import { ActionForm } from './ActionForm.tsx';
import { ActionItem } from './ActionItem.tsx';
import { canCreateAction } from './actionPolicy.ts';
import { useAgendaItemList } from './actionsApi.ts';
import './actions.css';

type View = 'all' | 'mine';

/** A source given in the address (`?fromComment=ID`, `?fromItem=ID`, `?fromPoll=ID`), so other views can link here. */
function sourceFromSearch(search: URLSearchParams): { type: SourceType; id: string } | undefined {
  const pairs: [string, SourceType][] = [
    ['fromComment', 'comment'],
    ['fromItem', 'agendaItem'],
    ['fromPoll', 'poll'],
  ];
  for (const [param, type] of pairs) {
    const id = search.get(param);
    if (id) return { type, id };
  }
  return undefined;
}

export function ActionsTab() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [search] = useSearchParams();
  // A link that asks for the form (`?fromComment=`) opens it only for whoever may record an action:
  // an archived meeting takes no new action, and an observer records none.
  const prefilled = canCreateAction(user, meeting) ? sourceFromSearch(search) : undefined;
  const live = useLiveMap(LIVE_ACTIONS_MAP);
  const [view, setView] = useState<View>(search.get('view') === 'mine' ? 'mine' : 'all');
  // When the form closes (recorded or cancelled), the focus goes back to the button that opened it,
  // not to the page: the form and its buttons are gone. The status line says what was recorded.
  const form = useInlineForm(prefilled !== undefined);
  const [status, setStatus] = useState('');
  const [refresh, setRefresh] = useState(0);
  const items = useAgendaItemList(meeting.id, refresh);
  const today = todayIso();
  // Below the wide breakpoint the side column is hidden: the meeting pack opens as a sheet from a bar.
  const sheet = useSideSheet('pack', { label: t('pack.title'), barLabel: t('actions.sidePanels') });

  const actions = useMemo(() => Object.values(live).sort((a, b) => a.position - b.position), [live]);
  // A notification's link (`?action=`) brings that action into view once it is there.
  const linkedAction = search.get('action');
  const landed = useRef<string | null>(null);
  useEffect(() => {
    if (!linkedAction || landed.current === linkedAction) return;
    const element = document.querySelector<HTMLElement>(`[data-action-id="${CSS.escape(linkedAction)}"]`);
    if (!element) return;
    landed.current = linkedAction;
    element.tabIndex = -1;
    element.scrollIntoView?.({ block: 'center' });
    element.focus();
  }, [linkedAction, actions]);
  const shown = view === 'mine' ? actions.filter((action) => isOwnedBy(action, user)) : actions;
  const overdue = shown.filter((action) => isOverdue(action, today)).length;

  return (
    <div className="meeting__layout meeting__layout--sheets actions-tab">
      <section className="meeting__main" aria-labelledby="actions-title">
        <div className="section-heading">
          <h2 id="actions-title">{t('actions.title')}</h2>
          {canCreateAction(user, meeting) && !form.open && (
            <button
              ref={form.opener}
              type="button"
              className="button button--primary"
              onClick={() => {
                setRefresh((n) => n + 1);
                form.show();
              }}
            >
              {t('actions.new')}
            </button>
          )}
        </div>
        <p role="status" className="actions-tab__status">
          {status}
        </p>
        {form.open && (
          <ActionForm
            items={items}
            source={prefilled}
            onKeyDown={form.onKeyDown}
            onDone={(created) => {
              form.close();
              if (created) setStatus(t('actions.createdStatus', { text: created.text }));
            }}
          />
        )}
        <div className="actions-tab__views" role="group" aria-label={t('actions.views')}>
          {(['all', 'mine'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="button actions-tab__view"
              aria-pressed={view === option}
              onClick={() => setView(option)}
            >
              {t(`actions.view.${option}`)}
            </button>
          ))}
        </div>
        <p className="actions-tab__summary">
          {t('actions.count', { count: shown.length })}
          {overdue > 0 && <strong className="action__overdue"> · {t('actions.overdueCount', { count: overdue })}</strong>}
        </p>
        {shown.length === 0 ? (
          <p>{view === 'mine' ? t('actions.noneMine') : t('actions.none')}</p>
        ) : (
          <ul className="card-list" aria-label={t(`actions.view.${view}`)}>
            {shown.map((action) => (
              <ActionItem key={action.id} action={action} items={items} today={today} />
            ))}
          </ul>
        )}
      </section>
      <aside className="meeting__side" aria-label={t('actions.sidePanels')} {...sheet.asideProps}>
        {sheet.closeButton}
        <PackLinks />
      </aside>
      {sheet.bar}
    </div>
  );
}

/** One action item in the list: what, who, by when, its status (changeable by those who may), its source and its history. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus, isOverdue } from '../../../shared/dueDates.ts';
import { formatDateTime, formatDay } from '../../../shared/i18n/format.ts';
import type { ActionDto, ActionHistoryEntry } from '../../../shared/schemas/actions.ts';
import type { AgendaItemSummary } from '../../../shared/schemas/meetingRecord.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { ActionForm } from './ActionForm.tsx';
import { canChangeAction } from './actionPolicy.ts';
import { actionHistory, updateAction } from './actionsApi.ts';

export function ActionItem({ action, items, today }: { action: ActionDto; items: AgendaItemSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  // Saved, cancelled or Escape, the form goes and the focus goes back to Edit (it fell to the page).
  const editing = useInlineForm();
  const [history, setHistory] = useState<ActionHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const overdue = isOverdue(action, today);
  const editable = canChangeAction(user, meeting, action);
  const item = items.find((candidate) => candidate.id === action.agendaItemId);
  const date = (iso: string) => formatDay(i18n.language, iso, 'medium');
  const when = (at: number) => formatDateTime(i18n.language, at);
  const textId = `action-${action.id}-text`;

  const setStatus = (status: ActionStatus) => {
    setError(null);
    updateAction(action.id, { status }).catch((failure: Error) => setError(failure.message));
  };
  const toggleHistory = () => {
    if (history) {
      setHistory(null);
      return;
    }
    actionHistory(action.id).then(setHistory, (failure: Error) => setError(failure.message));
  };

  return (
    <li
      className={['action', overdue ? 'action--overdue' : '', `action--${action.status}`].filter(Boolean).join(' ')}
      data-action-id={action.id}
    >
      <p id={textId} className="action__text">
        <span aria-hidden="true">➔ </span>
        <bdi>{action.text}</bdi>
      </p>
      <dl className="action__facts">
        <div>
          <dt>{t('actions.owner')}</dt>
          <dd>
            <bdi>{action.owner.label}</bdi> <span className="action__kind">({t(`actions.ownerKind.${action.owner.kind}`)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('actions.due')}</dt>
          <dd>
            {action.due ? (
              <>
                {action.due.label || date(action.due.end)}{' '}
                <span className="action__range">
                  (
                  {action.due.start === action.due.end
                    ? date(action.due.end)
                    : t('actions.range', { start: date(action.due.start), end: date(action.due.end) })}
                  )
                </span>
              </>
            ) : (
              t('actions.noDue')
            )}
            {overdue && <strong className="action__overdue"> {t('actions.overdue')}</strong>}
          </dd>
        </div>
        <div>
          <dt>{t('actions.agendaItem')}</dt>
          <dd>{item ? numberedTitle(item, t) : t('actions.noItem')}</dd>
        </div>
        <div>
          <dt>{t('actions.source')}</dt>
          <dd>{t(`actions.sourceType.${action.source.type}`)}</dd>
        </div>
      </dl>
      <div className="action__controls">
        <label htmlFor={`action-${action.id}-status`}>{t('actions.status')}</label>
        {editable ? (
          <select
            id={`action-${action.id}-status`}
            value={action.status}
            aria-describedby={textId}
            onChange={(event) => setStatus(event.target.value as ActionStatus)}
          >
            {ACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`actions.statusName.${status}`)}
              </option>
            ))}
          </select>
        ) : (
          <output id={`action-${action.id}-status`} className="action__status">
            {t(`actions.statusName.${action.status}`)}
          </output>
        )}
        {editable && (
          <button
            type="button"
            className="button button--quiet"
            ref={editing.opener}
            aria-expanded={editing.open}
            aria-describedby={textId}
            onClick={() => (editing.open ? editing.close() : editing.show())}
          >
            {t('actions.edit')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={history !== null}
          aria-describedby={textId}
          onClick={toggleHistory}
        >
          {t('actions.history')}
        </button>
      </div>
      <ErrorAlert message={error} />
      {editing.open && <ActionForm items={items} action={action} onDone={() => editing.close()} onKeyDown={editing.onKeyDown} />}
      {history && (
        <ol className="action__history" aria-label={t('actions.historyOf')}>
          {history.map((entry, index) => (
            <li key={index}>
              {when(entry.at)} · {entry.actor?.name ?? t('actions.system')} ·{' '}
              {entry.action === 'action.create'
                ? t('actions.created')
                : t('actions.changed', {
                    fields: Object.keys((entry.detail.changes as Record<string, unknown>) ?? {})
                      .map((field) => t(`actions.field.${field}`))
                      .join(', '),
                  })}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

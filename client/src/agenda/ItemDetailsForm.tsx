/** The details of an agenda item (schedule, presenter, expected output, links), written into the shared agenda. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGENDA_ITEM_LIMITS } from '../../../shared/agendaItems.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { updateItem, type AgendaItemView } from './agendaItemsModel.ts';

interface Linkable {
  id: string;
  title?: string;
  question?: string;
}

export function ItemDetailsForm({ doc, item, onDone }: { doc: Y.Doc; item: AgendaItemView; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const proposals = Object.values(useLiveMap<Linkable>('proposals'));
  const polls = Object.values(useLiveMap<Linkable>('polls'));
  const [values, setValues] = useState({
    day: String(item.day),
    start: item.start,
    duration: String(item.duration),
    presenter: item.presenter,
    expectedOutput: item.expectedOutput,
    sub: item.level > 0,
    proposalId: item.proposalId ?? '',
    pollId: item.pollId ?? '',
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string; checked?: boolean; type?: string } }) =>
    setValues((before) => ({ ...before, [key]: event.target.type === 'checkbox' ? Boolean(event.target.checked) : event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    updateItem(doc, item.id, {
      day: Math.max(1, Number(values.day) || 1),
      start: values.start,
      duration: Math.max(0, Number(values.duration) || 0),
      presenter: values.presenter.trim(),
      expectedOutput: values.expectedOutput.trim(),
      level: values.sub ? 1 : 0,
      proposalId: values.proposalId || null,
      pollId: values.pollId || null,
    });
    onDone();
  };
  return (
    <form className="form agenda-details" onSubmit={submit} aria-label={t('agendaItems.detailsOf', { number: item.fullNumber })}>
      <div className="agenda-details__row">
        <div className="form__field">
          <label htmlFor={`${id}-day`}>{t('agendaItems.dayLabel')}</label>
          <input id={`${id}-day`} type="number" min={1} max={AGENDA_ITEM_LIMITS.maxDay} value={values.day} onChange={set('day')} />
        </div>
        <div className="form__field">
          <label htmlFor={`${id}-start`}>{t('agendaItems.startLabel')}</label>
          <input id={`${id}-start`} type="time" value={values.start} onChange={set('start')} aria-describedby={`${id}-start-hint`} />
        </div>
        <div className="form__field">
          <label htmlFor={`${id}-duration`}>{t('agendaItems.durationLabel')}</label>
          <input id={`${id}-duration`} type="number" min={0} max={AGENDA_ITEM_LIMITS.maxDuration} value={values.duration} onChange={set('duration')} />
        </div>
      </div>
      <p id={`${id}-start-hint`} className="agenda-details__hint">
        {t('agendaItems.startHint')}
      </p>
      <div className="form__field">
        <label htmlFor={`${id}-presenter`}>{t('agendaItems.presenterLabel')}</label>
        <input id={`${id}-presenter`} maxLength={AGENDA_ITEM_LIMITS.text} value={values.presenter} onChange={set('presenter')} />
      </div>
      <div className="form__field">
        <label htmlFor={`${id}-output`}>{t('agendaItems.expectedOutputLabel')}</label>
        <input id={`${id}-output`} maxLength={AGENDA_ITEM_LIMITS.text} value={values.expectedOutput} onChange={set('expectedOutput')} />
      </div>
      <div className="agenda-details__check">
        <input id={`${id}-sub`} type="checkbox" checked={values.sub} onChange={set('sub')} />
        <label htmlFor={`${id}-sub`}>{t('agendaItems.subItemLabel')}</label>
      </div>
      <div className="form__field">
        <label htmlFor={`${id}-proposal`}>{t('agendaItems.proposalLabel')}</label>
        <select id={`${id}-proposal`} value={values.proposalId} onChange={set('proposalId')}>
          <option value="">{t('agendaItems.noLink')}</option>
          {values.proposalId && !proposals.some((p) => p.id === values.proposalId) && <option value={values.proposalId}>{values.proposalId}</option>}
          {proposals.map((proposal) => (
            <option key={proposal.id} value={proposal.id}>
              {proposal.title ?? proposal.id}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={`${id}-poll`}>{t('agendaItems.pollLabel')}</label>
        <select id={`${id}-poll`} value={values.pollId} onChange={set('pollId')}>
          <option value="">{t('agendaItems.noLink')}</option>
          {values.pollId && !polls.some((p) => p.id === values.pollId) && <option value={values.pollId}>{values.pollId}</option>}
          {polls.map((poll) => (
            <option key={poll.id} value={poll.id}>
              {poll.question ?? poll.id}
            </option>
          ))}
        </select>
      </div>
      <div className="agenda-details__buttons">
        <button type="submit" className="button button--primary">
          {t('agendaItems.saveDetails')}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('agendaItems.cancel')}
        </button>
      </div>
    </form>
  );
}

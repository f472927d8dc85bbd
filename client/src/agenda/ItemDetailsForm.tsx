/** The details of an agenda item (schedule, presenter, expected output, links), written into the shared agenda. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGENDA_ITEM_LIMITS } from '../../../shared/agendaItems.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { CheckboxField, Field } from '../ui/Field.tsx';
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
  const set = (key: Exclude<keyof typeof values, 'sub'>) => (event: { target: { value: string } }) =>
    setValues((before) => ({ ...before, [key]: event.target.value }));
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
        <Field label={t('agendaItems.dayLabel')}>
          {(control) => (
            <input {...control} type="number" min={1} max={AGENDA_ITEM_LIMITS.maxDay} value={values.day} onChange={set('day')} />
          )}
        </Field>
        {/* The start time's hint is shown under the row, so that the three fields stay aligned. */}
        <Field label={t('agendaItems.startLabel')} describedBy={`${id}-start-hint`}>
          {(control) => <input {...control} type="time" value={values.start} onChange={set('start')} />}
        </Field>
        <Field label={t('agendaItems.durationLabel')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={AGENDA_ITEM_LIMITS.maxDuration}
              value={values.duration}
              onChange={set('duration')}
            />
          )}
        </Field>
      </div>
      <p id={`${id}-start-hint`} className="form__hint">
        {t('agendaItems.startHint')}
      </p>
      <Field label={t('agendaItems.presenterLabel')}>
        {(control) => (
          <input {...control} maxLength={AGENDA_ITEM_LIMITS.text} value={values.presenter} onChange={set('presenter')} />
        )}
      </Field>
      <Field label={t('agendaItems.expectedOutputLabel')}>
        {(control) => (
          <input
            {...control}
            maxLength={AGENDA_ITEM_LIMITS.text}
            value={values.expectedOutput}
            onChange={set('expectedOutput')}
          />
        )}
      </Field>
      <CheckboxField
        label={t('agendaItems.subItemLabel')}
        checked={values.sub}
        onChange={(sub) => setValues((before) => ({ ...before, sub }))}
      />
      <LinkField
        label={t('agendaItems.proposalLabel')}
        value={values.proposalId}
        onChange={set('proposalId')}
        options={proposals}
        name={(proposal) => proposal.title}
      />
      <LinkField
        label={t('agendaItems.pollLabel')}
        value={values.pollId}
        onChange={set('pollId')}
        options={polls}
        name={(poll) => poll.question}
      />
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

/** The choice of a proposal or poll the item is about; a linked one that is no longer listed stays chosen. */
function LinkField({
  label,
  value,
  onChange,
  options,
  name,
}: {
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  options: Linkable[];
  name: (option: Linkable) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value} onChange={onChange}>
          <option value="">{t('agendaItems.noLink')}</option>
          {value && !options.some((option) => option.id === value) && <option value={value}>{value}</option>}
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {name(option) ?? option.id}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The details of an agenda item (schedule, presenter, expected output, links), written into the
 * shared agenda. No HTTP request carries them, so the form itself refuses a day, start or length out
 * of range, beside the field: the shared document would otherwise clamp them silently, and the
 * server refuses a day outside the meeting's by ending the connection
 * (server/src/meetingRecord/agendaItemDays.ts), which could only say so in the connection state.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGENDA_ITEM_LIMITS, meetingDayCount, parseClock } from '../../../shared/agendaItems.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { CheckboxField, Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { type AgendaItemView, updateItem } from './agendaItemsModel.ts';

const DETAILS_FIELDS = ['day', 'start', 'duration', 'presenter', 'expectedOutput', 'proposalId', 'pollId'] as const;

/** A whole number from `min` to `max`, typed in a number field (empty is not one). */
const wholeIn = (value: string, min: number, max: number) => {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max;
};

interface Linkable {
  id: string;
  title?: string;
  question?: string;
}

export function ItemDetailsForm({ doc, item, onDone }: { doc: Y.Doc; item: AgendaItemView; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { meeting } = useMeetingContext();
  // An item is on one of the meeting's days: "Day 9" of a three-day meeting is nowhere.
  const lastDay = meetingDayCount(meeting.startsOn, meeting.endsOn);
  const proposals = Object.values(useLiveMap('proposals'));
  const polls = Object.values(useLiveMap('polls'));
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
  const errors = useFieldErrors(DETAILS_FIELDS);
  const set = (key: Exclude<keyof typeof values, 'sub'>) => (event: { target: { value: string } }) =>
    setValues((before) => ({ ...before, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.check({
      day: !wholeIn(values.day, 1, lastDay) && t('agendaItems.errors.day', { max: lastDay }),
      start: values.start !== '' && parseClock(values.start) === null && t('agendaItems.errors.start'),
      duration:
        !wholeIn(values.duration, 0, AGENDA_ITEM_LIMITS.maxDuration) &&
        t('agendaItems.errors.duration', { max: AGENDA_ITEM_LIMITS.maxDuration }),
    });
    if (!valid) return;
    updateItem(doc, item.id, {
      day: Number(values.day),
      start: values.start,
      duration: Number(values.duration),
      presenter: values.presenter.trim(),
      expectedOutput: values.expectedOutput.trim(),
      level: values.sub ? 1 : 0,
      proposalId: values.proposalId || null,
      pollId: values.pollId || null,
    });
    onDone();
  };
  return (
    <form
      className="form agenda-details"
      onSubmit={submit}
      aria-label={t('agendaItems.detailsOf', { number: item.fullNumber })}
      noValidate
    >
      <div className="agenda-details__row">
        <Field label={t('agendaItems.dayLabel')} {...errors.field('day')}>
          {(control) => <input {...control} type="number" min={1} max={lastDay} value={values.day} onChange={set('day')} />}
        </Field>
        {/* The start time's hint is shown under the row, so that the three fields stay aligned. */}
        <Field label={t('agendaItems.startLabel')} describedBy={`${id}-start-hint`} {...errors.field('start')}>
          {(control) => <input {...control} type="time" value={values.start} onChange={set('start')} />}
        </Field>
        <Field label={t('agendaItems.durationLabel')} {...errors.field('duration')}>
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
      <Field
        label={t('agendaItems.presenterLabel')}
        {...errors.field('presenter')}
        limit={{ length: values.presenter.length, max: AGENDA_ITEM_LIMITS.text }}
      >
        {(control) => (
          <input {...control} maxLength={AGENDA_ITEM_LIMITS.text} value={values.presenter} onChange={set('presenter')} />
        )}
      </Field>
      <Field
        label={t('agendaItems.expectedOutputLabel')}
        {...errors.field('expectedOutput')}
        limit={{ length: values.expectedOutput.length, max: AGENDA_ITEM_LIMITS.text }}
      >
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
        field={errors.field('proposalId')}
      />
      <LinkField
        label={t('agendaItems.pollLabel')}
        value={values.pollId}
        onChange={set('pollId')}
        options={polls}
        name={(poll) => poll.question}
        field={errors.field('pollId')}
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
  field,
}: {
  label: string;
  /** Its id and message, from the form's useFieldErrors. */
  field: { id: string; error: string | undefined };
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  options: Linkable[];
  name: (option: Linkable) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} {...field}>
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

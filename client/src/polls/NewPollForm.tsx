/** The form with which the chair or the secretariat creates a poll (a draft, opened later). */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  POLL_KINDS,
  POLL_LIMITS,
  type PollAudience,
  type PollKind,
  type ResultVisibility,
} from '../../../shared/constants/polls.ts';
import type { CreatePollBody, PollDto } from '../../../shared/schemas/polls.ts';
import { post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { useWorkingGroups } from './usePolls.ts';

export function NewPollForm({ onCreated, onCancel }: { onCreated: (poll: PollDto) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { meeting } = useMeetingContext();
  const groups = Object.values(useWorkingGroups()).sort((a, b) => a.name.localeCompare(b.name));
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [audience, setAudience] = useState<PollAudience>('members');
  const [workingGroupId, setWorkingGroupId] = useState('');
  const [secret, setSecret] = useState(false);
  const [results, setResults] = useState<ResultVisibility>('live');
  const [maxChoices, setMaxChoices] = useState(2);
  const [seats, setSeats] = useState(1);
  const [sending, setSending] = useState(false);
  const errors = useFieldErrors([
    'question',
    'kind',
    'options',
    'maxChoices',
    'seats',
    'audience',
    'workingGroupId',
    'results',
  ] as const);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const labels = options.map((label) => label.trim()).filter(Boolean);
    const words = {
      question: t('form.required', { field: t('polls.form.question') }),
      options: t('polls.form.tooFewOptions', { count: POLL_LIMITS.minOptions }),
    };
    const valid = errors.check({
      question: !question.trim() && words.question,
      options: labels.length < POLL_LIMITS.minOptions && words.options,
    });
    if (!valid) return;
    setSending(true);
    const body: CreatePollBody = {
      question: question.trim(),
      kind,
      options: labels.map((label) => ({ label })),
      audience,
      secret,
      results,
      ...(kind === 'multiple' ? { maxChoices: Math.min(maxChoices, labels.length) } : {}),
      ...(kind === 'ranked' ? { seats } : {}),
      ...(workingGroupId ? { workingGroupId } : {}),
    };
    try {
      const poll = await post<PollDto>(`/api/meetings/${encodeURIComponent(meeting.id)}/polls`, body);
      onCreated(poll);
    } catch (failure) {
      errors.fail(failure, words);
      setSending(false);
    }
  };

  const field = (name: string) => `${id}-${name}`;
  const { id: optionsId, error: optionsError } = errors.field('options');
  return (
    <form className="form poll-form panel" onSubmit={submit} aria-labelledby={field('title')} noValidate>
      <h3 id={field('title')}>{t('polls.form.title')}</h3>
      <Field label={t('polls.form.question')} {...errors.field('question')}>
        {(control) => (
          <input
            {...control}
            value={question}
            maxLength={POLL_LIMITS.question}
            required
            onChange={(event) => setQuestion(event.target.value)}
          />
        )}
      </Field>
      <SelectField
        label={t('polls.form.kind')}
        {...errors.field('kind')}
        hint={t('polls.form.kindHelp')}
        value={kind}
        onChange={setKind}
        options={POLL_KINDS}
        optionLabel={(option) => t(`polls.kinds.${option}`)}
      />
      <fieldset className="form__group">
        <legend>{t('polls.form.options')}</legend>
        {optionsError && (
          <p id={`${optionsId}-error`} className="form__error">
            {optionsError}
          </p>
        )}
        {options.map((label, index) => (
          <div className="poll-form__option" key={index}>
            <label htmlFor={index === 0 ? optionsId : field(`option-${index}`)}>
              {t('polls.form.option', { number: index + 1 })}
            </label>
            <input
              // The first option stands for the list: a refusal of the options puts the focus there.
              id={index === 0 ? optionsId : field(`option-${index}`)}
              aria-invalid={optionsError ? true : undefined}
              aria-describedby={optionsError ? `${optionsId}-error` : undefined}
              value={label}
              maxLength={POLL_LIMITS.label}
              required={index < POLL_LIMITS.minOptions}
              onChange={(event) =>
                setOptions((current) => current.map((value, at) => (at === index ? event.target.value : value)))
              }
            />
            {options.length > POLL_LIMITS.minOptions && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setOptions((current) => current.filter((_value, at) => at !== index))}
              >
                {t('polls.form.removeOption', { number: index + 1 })}
              </button>
            )}
          </div>
        ))}
        {options.length < POLL_LIMITS.maxOptions && (
          <button type="button" className="button" onClick={() => setOptions((current) => [...current, ''])}>
            {t('polls.form.addOption')}
          </button>
        )}
      </fieldset>
      {kind === 'multiple' && (
        <Field label={t('polls.form.maxChoices')} {...errors.field('maxChoices')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={options.length}
              value={maxChoices}
              onChange={(event) => setMaxChoices(Number(event.target.value))}
            />
          )}
        </Field>
      )}
      {kind === 'ranked' && (
        <Field label={t('polls.form.seats')} {...errors.field('seats')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={Math.max(1, options.length - 1)}
              value={seats}
              onChange={(event) => setSeats(Number(event.target.value))}
            />
          )}
        </Field>
      )}
      <Field label={t('polls.form.audience')} {...errors.field('audience')}>
        {(control) => (
          <select {...control} value={audience} onChange={(event) => setAudience(event.target.value as PollAudience)}>
            <option value="members">{t('polls.form.audienceMembers')}</option>
            <option value="everyone">{t('polls.form.audienceEveryone')}</option>
            <option value="group">{t('polls.form.audienceGroup')}</option>
          </select>
        )}
      </Field>
      <Field label={t('polls.form.workingGroup')} {...errors.field('workingGroupId')}>
        {(control) => (
          <select
            {...control}
            value={workingGroupId}
            required={audience === 'group'}
            onChange={(event) => setWorkingGroupId(event.target.value)}
          >
            <option value="">{t('polls.form.noWorkingGroup')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('polls.form.results')} {...errors.field('results')}>
        {(control) => (
          <select {...control} value={results} onChange={(event) => setResults(event.target.value as ResultVisibility)}>
            <option value="live">{t('polls.form.resultsLive')}</option>
            <option value="after-close">{t('polls.form.resultsAfterClose')}</option>
          </select>
        )}
      </Field>
      <CheckboxField className="poll-form__check" label={t('polls.form.secret')} checked={secret} onChange={setSecret} />
      {secret && <p className="form__hint">{t('polls.form.secretBatches')}</p>}
      <ErrorAlert message={errors.formError && t('polls.form.failed', { message: errors.formError })} />
      <div className="poll-form__actions">
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t('polls.form.creating') : t('polls.form.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('polls.form.cancel')}
        </button>
      </div>
    </form>
  );
}

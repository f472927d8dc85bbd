/** The form with which the chair or the secretariat creates a poll (a draft, opened later). */

import { type FormEvent, type KeyboardEventHandler, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  POLL_KINDS,
  POLL_LIMITS,
  type PollAudience,
  type PollKind,
  type ResultVisibility,
} from '../../../shared/constants/polls.ts';
import { formatNumber } from '../../../shared/i18n/format.ts';
import { duplicateOptionIndex } from '../../../shared/pollOptions.ts';
import type { CreatePollBody, PollDto } from '../../../shared/schemas/polls.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { ApiError, post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field, SelectField } from '../ui/Field.tsx';
import { nameLimit, nameMaxLength } from '../ui/nameLimit.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { useWorkingGroups } from './usePolls.ts';

/**
 * The field of the option at `index` in the form, named as the server names it (`options.0`, the
 * first): each option is a field of its own, its refusal said at its input. `options` is the list
 * as a whole ("give at least 2 options"), said above it, the focus on the first option.
 */
type OptionField = `options.${number}`;
const optionField = (index: number): OptionField => `options.${index}`;

/**
 * The server numbers the options it was sent, the form the ones it shows (an empty one is not
 * sent): a refusal naming `options.<sent index>` (or, from the schema, `options.<sent index>.label`)
 * is turned to the option the person sees.
 */
function inFormTerms(failure: unknown, sentFrom: readonly number[]): unknown {
  if (!(failure instanceof ApiError)) return failure;
  const details = failure.details as { field?: unknown } | undefined;
  const match = typeof details?.field === 'string' ? /^options\.(\d+)(?:\.|$)/.exec(details.field) : null;
  const index = match ? sentFrom[Number(match[1])] : undefined;
  if (index === undefined) return failure;
  return new ApiError(failure.status, failure.code, failure.serverMessage, { ...details, field: optionField(index) });
}

export function NewPollForm({
  onCreated,
  onCancel,
  onKeyDown,
}: {
  onCreated: (poll: PollDto) => void;
  onCancel: () => void;
  /** Escape in the form: its opener's hook closes it like Cancel (ui/useInlineForm.ts). */
  onKeyDown?: KeyboardEventHandler<HTMLFormElement>;
}) {
  const { t, i18n } = useTranslation();
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
  // Opened from "New poll", the form starts at its first field: left alone, the focus stayed on the
  // button that the form replaced, and so fell to the page.
  const questionInput = useRef<HTMLInputElement>(null);
  useEffect(() => questionInput.current?.focus(), []);
  // Adding or removing an option moves the focus to an option's input (the new one, or the one now
  // in the removed one's place): left on the button, what was typed next went nowhere and each
  // Space added another empty option.
  const optionInputs = useRef<(HTMLInputElement | null)[]>([]);
  const [focusOption, setFocusOption] = useState<{ index: number } | null>(null);
  useEffect(() => {
    if (focusOption) optionInputs.current[focusOption.index]?.focus();
  }, [focusOption]);
  const addOption = () => {
    setOptions((current) => [...current, '']);
    setFocusOption({ index: options.length });
  };
  const removeOption = (index: number) => {
    setOptions((current) => current.filter((_value, at) => at !== index));
    setFocusOption({ index: Math.min(index, options.length - 2) });
  };
  const errors = useFieldErrors(
    [
      'question',
      'kind',
      'options',
      ...options.map((_label, index) => optionField(index)),
      'maxChoices',
      'seats',
      'audience',
      'workingGroupId',
      'results',
    ] as const,
    { options: optionField(0) },
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = options.flatMap((label, index) => (hasVisibleText(label) ? [{ label: label.trim(), index }] : []));
    const labels = filled.map((option) => option.label);
    const sentFrom = filled.map((option) => option.index);
    const words = {
      question: t('form.required', { field: t('polls.form.question') }),
      options: t('polls.form.tooFewOptions', { count: POLL_LIMITS.minOptions }),
      seats: t('polls.form.seatsOverOptions'),
    };
    // The server's rule (shared/pollOptions.ts), said beside the repeat before anything is sent.
    const repeat = sentFrom[duplicateOptionIndex(labels)];
    const valid = errors.check({
      question: !hasVisibleText(question) && words.question,
      options: labels.length < POLL_LIMITS.minOptions && words.options,
      ...(repeat !== undefined ? { [optionField(repeat)]: t('errors.DUPLICATE_OPTION') } : {}),
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
      // A group chosen and then left by another audience is not sent: the form no longer shows it.
      ...(audience === 'group' && workingGroupId ? { workingGroupId } : {}),
    };
    try {
      const poll = await post<PollDto>(`/api/meetings/${encodeURIComponent(meeting.id)}/polls`, body);
      onCreated(poll);
    } catch (failure) {
      errors.fail(inFormTerms(failure, sentFrom), words);
      setSending(false);
    }
  };

  const field = (name: string) => `${id}-${name}`;
  const { id: optionsId, error: optionsError } = errors.field('options');
  const optionsErrorId = `${optionsId}-error`;
  return (
    <form className="form poll-form panel" onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={field('title')} noValidate>
      <h3 id={field('title')}>{t('polls.form.title')}</h3>
      <Field
        label={t('polls.form.question')}
        {...errors.field('question')}
        limit={{ length: question.length, max: POLL_LIMITS.question }}
      >
        {(control) => (
          <input
            {...control}
            ref={questionInput}
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
        hint={t(`polls.form.kindHelp.${kind}`)}
        value={kind}
        onChange={setKind}
        options={POLL_KINDS}
        optionLabel={(option) => t(`polls.kinds.${option}`)}
      />
      <fieldset className="form__group">
        <legend>{t('polls.form.options')}</legend>
        {optionsError && (
          <p id={optionsErrorId} className="form__error">
            {optionsError}
          </p>
        )}
        {options.map((label, index) => {
          // A refusal of the list puts the focus on the first option (`focusAt`); one of an option, on that option.
          const { id: inputId, error: ownError } = errors.field(optionField(index));
          // Its limit counts the label as stored (`nameLimit`): a pasted label that fits once its spaces are single is taken.
          const limit = nameLimit(label, POLL_LIMITS.label);
          const over = limit.length > limit.max;
          const describedBy = [optionsError && optionsErrorId, ownError && `${inputId}-error`, over && `${inputId}-limit`]
            .filter(Boolean)
            .join(' ');
          return (
            <div className="poll-form__option" key={index}>
              <label htmlFor={inputId}>{t('polls.form.option', { number: index + 1 })}</label>
              <input
                ref={(element) => {
                  optionInputs.current[index] = element;
                }}
                id={inputId}
                aria-invalid={optionsError || ownError || over ? true : undefined}
                aria-describedby={describedBy || undefined}
                value={label}
                maxLength={nameMaxLength(POLL_LIMITS.label)}
                required={index < POLL_LIMITS.minOptions}
                onChange={(event) =>
                  setOptions((current) => current.map((value, at) => (at === index ? event.target.value : value)))
                }
              />
              {options.length > POLL_LIMITS.minOptions && (
                <button type="button" className="button button--quiet" onClick={() => removeOption(index)}>
                  {t('polls.form.removeOption', { number: index + 1 })}
                </button>
              )}
              {ownError && (
                <p id={`${inputId}-error`} className="form__error">
                  {ownError}
                </p>
              )}
              {/* Always there, so that its line is announced when it appears (as Field's limit line). */}
              <p id={`${inputId}-limit`} className="form__hint" aria-live="polite">
                {over ? t('form.tooLong', { max: formatNumber(i18n.language, limit.max) }) : null}
              </p>
            </div>
          );
        })}
        {options.length < POLL_LIMITS.maxOptions && (
          <button type="button" className="button" onClick={addOption}>
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
      {/* The group matters only when its members are the voters: asked for then, right after. */}
      {audience === 'group' && (
        <Field label={t('polls.form.workingGroup')} {...errors.field('workingGroupId')}>
          {(control) => (
            <select {...control} value={workingGroupId} required onChange={(event) => setWorkingGroupId(event.target.value)}>
              <option value="">{t('polls.form.chooseWorkingGroup')}</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('polls.form.results')} {...errors.field('results')}>
        {(control) => (
          <select {...control} value={results} onChange={(event) => setResults(event.target.value as ResultVisibility)}>
            <option value="live">{t('polls.form.resultsLive')}</option>
            <option value="after-close">{t('polls.form.resultsAfterClose')}</option>
          </select>
        )}
      </Field>
      <CheckboxField className="poll-form__check" label={t('polls.form.secret')} checked={secret} onChange={setSecret} />
      {secret && <p className="form__hint">{t('polls.secretOpenNote')}</p>}
      <ErrorAlert message={errors.formError && t('polls.form.failed', { message: errors.formError })} />
      <div className="poll-form__actions">
        <BusyButton type="submit" className="button button--primary" busy={sending}>
          {sending ? t('polls.form.creating') : t('polls.form.create')}
        </BusyButton>
        <button type="button" className="button" onClick={onCancel}>
          {t('polls.form.cancel')}
        </button>
      </div>
    </form>
  );
}

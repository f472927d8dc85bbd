/** The form with which the chair or the secretariat creates a poll (a draft, opened later). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  POLL_LIMITS,
  type CreatePollBody,
  type PollAudience,
  type PollDto,
  type PollKind,
  type ResultVisibility,
} from '../../../shared/schemas/polls.ts';
import { post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
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
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError('');
    const labels = options.map((label) => label.trim()).filter(Boolean);
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
      setError(t('polls.form.failed', { message: (failure as Error).message }));
      setSending(false);
    }
  };

  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="form poll-form panel" onSubmit={submit} aria-labelledby={field('title')}>
      <h3 id={field('title')}>{t('polls.form.title')}</h3>
      <div className="form__field">
        <label htmlFor={field('question')}>{t('polls.form.question')}</label>
        <input
          id={field('question')}
          value={question}
          maxLength={POLL_LIMITS.question}
          required
          onChange={(event) => setQuestion(event.target.value)}
        />
      </div>
      <div className="form__field">
        <label htmlFor={field('kind')}>{t('polls.form.kind')}</label>
        <select id={field('kind')} value={kind} aria-describedby={field('kind-help')} onChange={(event) => setKind(event.target.value as PollKind)}>
          <option value="single">{t('polls.kinds.single')}</option>
          <option value="multiple">{t('polls.kinds.multiple')}</option>
          <option value="ranked">{t('polls.kinds.ranked')}</option>
        </select>
        <p id={field('kind-help')} className="poll-form__help">
          {t('polls.form.kindHelp')}
        </p>
      </div>
      <fieldset className="poll-form__options">
        <legend>{t('polls.form.options')}</legend>
        {options.map((label, index) => (
          <div className="poll-form__option" key={index}>
            <label htmlFor={field(`option-${index}`)}>{t('polls.form.option', { number: index + 1 })}</label>
            <input
              id={field(`option-${index}`)}
              value={label}
              maxLength={POLL_LIMITS.label}
              required={index < POLL_LIMITS.minOptions}
              onChange={(event) => setOptions((current) => current.map((value, at) => (at === index ? event.target.value : value)))}
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
        <div className="form__field">
          <label htmlFor={field('max')}>{t('polls.form.maxChoices')}</label>
          <input
            id={field('max')}
            type="number"
            min={1}
            max={options.length}
            value={maxChoices}
            onChange={(event) => setMaxChoices(Number(event.target.value))}
          />
        </div>
      )}
      {kind === 'ranked' && (
        <div className="form__field">
          <label htmlFor={field('seats')}>{t('polls.form.seats')}</label>
          <input
            id={field('seats')}
            type="number"
            min={1}
            max={Math.max(1, options.length - 1)}
            value={seats}
            onChange={(event) => setSeats(Number(event.target.value))}
          />
        </div>
      )}
      <div className="form__field">
        <label htmlFor={field('audience')}>{t('polls.form.audience')}</label>
        <select id={field('audience')} value={audience} onChange={(event) => setAudience(event.target.value as PollAudience)}>
          <option value="members">{t('polls.form.audienceMembers')}</option>
          <option value="everyone">{t('polls.form.audienceEveryone')}</option>
          <option value="group">{t('polls.form.audienceGroup')}</option>
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={field('group')}>{t('polls.form.workingGroup')}</label>
        <select
          id={field('group')}
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
      </div>
      <div className="form__field">
        <label htmlFor={field('results')}>{t('polls.form.results')}</label>
        <select id={field('results')} value={results} onChange={(event) => setResults(event.target.value as ResultVisibility)}>
          <option value="live">{t('polls.form.resultsLive')}</option>
          <option value="after-close">{t('polls.form.resultsAfterClose')}</option>
        </select>
      </div>
      <div className="poll-form__check">
        <input id={field('secret')} type="checkbox" checked={secret} onChange={(event) => setSecret(event.target.checked)} />
        <label htmlFor={field('secret')}>{t('polls.form.secret')}</label>
      </div>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
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

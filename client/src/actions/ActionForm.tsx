/**
 * Creating or changing an action item: what, who (a person, a role, a group or an outside body),
 * by when (the words said, and the days they mean), and where it came from (typed directly, an
 * agenda item, a comment, a poll's result).
 */

import { type FormEvent, type KeyboardEventHandler, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_LIMITS, OWNER_KINDS, type OwnerKind, SOURCE_TYPES, type SourceType } from '../../../shared/constants/actions.ts';
import { parseDue } from '../../../shared/dueDates.ts';
import { formatDay, isolate } from '../../../shared/i18n/format.ts';
import { ROLES } from '../../../shared/roles.ts';
import type { ActionDto, Owner } from '../../../shared/schemas/actions.ts';
import type { AgendaItemSummary } from '../../../shared/schemas/meetingRecord.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { createAction, type Member, searchMembers, updateAction } from './actionsApi.ts';

export interface ActionFormProps {
  items: AgendaItemSummary[];
  /** The action to change; none to create one. */
  action?: ActionDto;
  /** Prefilled source when creating (from a link such as ?fromComment=…). */
  source?: { type: SourceType; id: string };
  onDone: (action: ActionDto | null) => void;
  /** Escape in the form: its opener's hook closes it like Cancel (ui/useInlineForm.ts). */
  onKeyDown?: KeyboardEventHandler<HTMLFormElement>;
}

const excerpt = (raw: string, length = 60) => {
  // Mentions are stored as tokens (<@userId>); a name is not needed to pick the comment.
  const text = raw.replace(/<@[A-Za-z0-9_-]+>/g, '@…');
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
};

export function ActionForm({ items, action, source, onDone, onKeyDown }: ActionFormProps) {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  const id = useId();
  const threads = Object.values(useLiveMap('threads'));
  const polls = Object.values(useLiveMap('polls'));
  const comments = threads.flatMap((thread) => thread.comments.filter((comment) => !comment.hidden));

  const [text, setText] = useState(action?.text ?? '');
  // Focus moves into the form that just opened, where a keyboard user would type next.
  const textField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textField.current?.focus(), []);
  const [ownerKind, setOwnerKind] = useState<OwnerKind>(action?.owner.kind ?? 'person');
  const [ownerLabel, setOwnerLabel] = useState(action && action.owner.kind !== 'role' ? action.owner.label : '');
  const [ownerRole, setOwnerRole] = useState<string>(action?.owner.role ?? 'secretariat');
  const [roleLabel, setRoleLabel] = useState(action?.owner.kind === 'role' ? action.owner.label : '');
  const [people, setPeople] = useState<Member[]>(
    action?.owner.kind === 'person' && action.owner.userId
      ? [{ id: action.owner.userId, name: action.owner.label, role: '' }]
      : [],
  );
  const [dueLabel, setDueLabel] = useState(action?.due?.label ?? '');
  const [dueStart, setDueStart] = useState(action?.due?.start ?? '');
  const [dueEnd, setDueEnd] = useState(action?.due?.end ?? '');
  const [sourceType, setSourceType] = useState<SourceType>(source?.type ?? 'direct');
  const [sourceId, setSourceId] = useState(source?.id ?? '');
  const [agendaItemId, setAgendaItemId] = useState(action?.agendaItemId ?? (source?.type === 'agendaItem' ? source.id : ''));
  const errors = useFieldErrors(['text', 'owner', 'due.label', 'due.start', 'due.end', 'source', 'agendaItemId'] as const);
  const [busy, setBusy] = useState(false);

  // People whose names start with what is typed, for the person picker.
  useEffect(() => {
    if (ownerKind !== 'person') return;
    let active = true;
    const timer = setTimeout(() => {
      searchMembers(ownerLabel.trim()).then(
        (found) => active && setPeople(found),
        () => undefined,
      );
    }, 150);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [ownerKind, ownerLabel]);

  const parsed = dueLabel.trim() && !dueStart ? parseDue(dueLabel, meeting.startsOn) : null;
  const formatDate = (iso: string) => formatDay(i18n.language, iso);

  const owner = async (): Promise<Owner | null> => {
    if (ownerKind === 'person') {
      const wanted = ownerLabel.trim().toLowerCase();
      const match = (list: Member[]) => list.find((candidate) => candidate.name.toLowerCase() === wanted);
      // The list may not have caught up with the last keystrokes: ask once more.
      const person = match(people) ?? match(await searchMembers(ownerLabel.trim()).catch(() => []));
      return person ? { kind: 'person', label: person.name, userId: person.id } : null;
    }
    if (ownerKind === 'role') return { kind: 'role', role: ownerRole as Owner['role'], label: roleLabel.trim() };
    return { kind: ownerKind, label: ownerLabel.trim() };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The server names the due-date field it refuses (words it cannot read, a date that is none, an end before the start).
    const words = {
      text: t('form.required', { field: t('actions.form.text') }),
      'due.label': t('actions.form.dueUnclear', { label: dueLabel.trim() }),
      'due.start': t('actions.form.dueNotDate'),
      'due.end': dueEnd && dueStart && dueEnd < dueStart ? t('actions.form.dueEndBefore') : t('actions.form.dueNotDate'),
    };
    if (!errors.check({ text: !hasVisibleText(text) && words.text })) return;
    const who = await owner();
    const missing =
      ownerKind === 'person' ? t('actions.form.pickPerson') : t('form.required', { field: t('actions.form.ownerName') });
    if (!errors.check({ owner: (!who || (ownerKind !== 'role' && !who.label)) && missing })) return;
    if (!who) return;
    const due =
      dueLabel.trim() || dueStart
        ? {
            label: dueLabel.trim(),
            ...(dueStart ? { start: dueStart } : {}),
            ...(dueEnd || dueStart ? { end: dueEnd || dueStart } : {}),
          }
        : null;
    setBusy(true);
    const request = action
      ? updateAction(action.id, { text: text.trim(), owner: who, due, agendaItemId: agendaItemId || null })
      : createAction(meeting.id, {
          text: text.trim(),
          owner: who,
          due,
          source: sourceType === 'direct' ? { type: 'direct' } : { type: sourceType, id: sourceId },
          ...(agendaItemId ? { agendaItemId } : {}),
        });
    request.then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (failure: Error) => {
        setBusy(false);
        errors.fail(failure, words);
      },
    );
  };

  return (
    <form
      className="form panel action-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <h3 id={`${id}-title`}>{action ? t('actions.form.editTitle') : t('actions.form.newTitle')}</h3>
      <Field label={t('actions.form.text')} {...errors.field('text')} limit={{ length: text.length, max: ACTION_LIMITS.text }}>
        {(control) => (
          <textarea
            {...control}
            ref={textField}
            required
            rows={3}
            maxLength={ACTION_LIMITS.text}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <fieldset className="form__group">
        <legend>{t('actions.form.owner')}</legend>
        <SelectField
          label={t('actions.form.ownerKind')}
          value={ownerKind}
          onChange={setOwnerKind}
          options={OWNER_KINDS}
          optionLabel={(kind) => t(`actions.ownerKind.${kind}`)}
        />
        {ownerKind === 'role' ? (
          <>
            <SelectField
              label={t('actions.form.role')}
              value={ownerRole}
              onChange={setOwnerRole}
              options={ROLES}
              optionLabel={(role) => t(`roles.${role}`)}
            />
            <Field label={t('actions.form.roleLabel')} limit={{ length: roleLabel.length, max: ACTION_LIMITS.label }}>
              {(control) => (
                <input
                  {...control}
                  maxLength={ACTION_LIMITS.label}
                  value={roleLabel}
                  onChange={(event) => setRoleLabel(event.target.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <Field
            label={ownerKind === 'person' ? t('actions.form.person') : t('actions.form.ownerName')}
            hint={t(`actions.form.ownerHint.${ownerKind}`)}
            {...errors.field('owner')}
            limit={{ length: ownerLabel.length, max: ACTION_LIMITS.label }}
          >
            {(control) => (
              <>
                <input
                  {...control}
                  required
                  maxLength={ACTION_LIMITS.label}
                  value={ownerLabel}
                  onChange={(event) => setOwnerLabel(event.target.value)}
                  list={ownerKind === 'person' ? `${id}-people` : undefined}
                  autoComplete="off"
                />
                {ownerKind === 'person' && (
                  <datalist id={`${id}-people`}>
                    {people.map((person) => (
                      <option key={person.id} value={person.name} />
                    ))}
                  </datalist>
                )}
              </>
            )}
          </Field>
        )}
      </fieldset>
      <fieldset className="form__group">
        <legend>{t('actions.form.due')}</legend>
        <Field
          label={t('actions.form.dueLabel')}
          {...errors.field('due.label')}
          liveHint
          hint={
            parsed
              ? parsed.start === parsed.end
                ? t('actions.form.dueMeansDay', { date: formatDate(parsed.start) })
                : t('actions.form.dueMeans', { start: formatDate(parsed.start), end: formatDate(parsed.end) })
              : t('actions.form.dueHint')
          }
          limit={{ length: dueLabel.length, max: ACTION_LIMITS.label }}
        >
          {(control) => (
            <input
              {...control}
              maxLength={ACTION_LIMITS.label}
              value={dueLabel}
              onChange={(event) => setDueLabel(event.target.value)}
            />
          )}
        </Field>
        <div className="action-form__row">
          <Field label={t('actions.form.dueStart')} {...errors.field('due.start')}>
            {(control) => (
              <input {...control} type="date" value={dueStart} onChange={(event) => setDueStart(event.target.value)} />
            )}
          </Field>
          <Field label={t('actions.form.dueEnd')} {...errors.field('due.end')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={dueEnd}
                min={dueStart || undefined}
                onChange={(event) => setDueEnd(event.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      {!action && (
        <fieldset className="form__group">
          <legend>{t('actions.form.source')}</legend>
          <SelectField
            label={t('actions.form.sourceType')}
            value={sourceType}
            onChange={(type) => {
              setSourceType(type);
              setSourceId('');
            }}
            options={SOURCE_TYPES}
            optionLabel={(type) => t(`actions.sourceType.${type}`)}
          />
          {sourceType !== 'direct' && (
            <Field label={t(`actions.form.sourcePick.${sourceType}`)} {...errors.field('source')}>
              {(control) => (
                <select
                  {...control}
                  required
                  value={sourceId}
                  onChange={(event) => {
                    setSourceId(event.target.value);
                    if (sourceType === 'agendaItem') setAgendaItemId(event.target.value);
                  }}
                >
                  <option value="">{t('actions.form.choose')}</option>
                  {sourceType === 'agendaItem' &&
                    items.map((item) => (
                      <option key={item.id} value={item.id}>
                        {numberedTitle({ ...item, title: excerpt(item.title) }, t)}
                      </option>
                    ))}
                  {sourceType === 'comment' &&
                    comments.map((comment) => (
                      <option key={comment.id} value={comment.id}>
                        {isolate(comment.authorName)}: {isolate(excerpt(comment.body))}
                      </option>
                    ))}
                  {sourceType === 'poll' &&
                    polls.map((poll) => (
                      <option key={poll.id} value={poll.id}>
                        {excerpt(poll.question ?? poll.id)}
                      </option>
                    ))}
                  {sourceId && sourceType === 'comment' && !comments.some((comment) => comment.id === sourceId) && (
                    <option value={sourceId}>{sourceId}</option>
                  )}
                </select>
              )}
            </Field>
          )}
        </fieldset>
      )}
      <Field label={t('actions.form.agendaItem')} {...errors.field('agendaItemId')}>
        {(control) => (
          <select {...control} value={agendaItemId} onChange={(event) => setAgendaItemId(event.target.value)}>
            <option value="">{t('actions.form.noItem')}</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {numberedTitle({ ...item, title: excerpt(item.title) }, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorAlert message={errors.formError} />
      <div className="action-form__buttons">
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {action ? t('actions.form.saveChanges') : t('actions.form.create')}
        </BusyButton>
        <button type="button" className="button button--quiet" onClick={() => onDone(null)}>
          {t('actions.form.cancel')}
        </button>
      </div>
    </form>
  );
}

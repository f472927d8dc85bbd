/**
 * The secretariat's form for a meeting: create (optionally from another meeting) or edit. The
 * time zone is chosen from the browser's list of IANA names, each named in the reader's language
 * (./timeZoneLabels.ts); the server checks it again.
 */

import { type FormEvent, type KeyboardEventHandler, type Ref, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEETING_FORMATS,
  MEETING_VISIBILITIES,
  type MeetingFormat,
  type MeetingVisibility,
} from '../../../shared/constants/meetings.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { patch, post } from '../app/api.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { zoneChoices } from './timeZoneLabels.ts';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** In the order they appear: the first wrong one gets the focus. */
const MEETING_FIELDS = [
  'title',
  'startsOn',
  'endsOn',
  'startTime',
  'timeZone',
  'format',
  'place',
  'description',
  'visibility',
  'copyFrom',
] as const;

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface MeetingFormProps {
  /** The meeting to edit; a new one when absent. */
  meeting?: MeetingDto;
  /** Meetings to copy from (create only). */
  sources?: MeetingDto[];
  onDone: (meeting: MeetingDto) => void;
  onCancel: () => void;
  /** The form element: the page that opens it puts the focus in its first field (ui/useInlineForm.ts). */
  ref?: Ref<HTMLFormElement>;
  /** Escape in the form: its opener's hook closes it like Cancel (ui/useInlineForm.ts). */
  onKeyDown?: KeyboardEventHandler<HTMLFormElement>;
}

export function MeetingForm({ meeting, sources = [], onDone, onCancel, ref, onKeyDown }: MeetingFormProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const language = i18n.resolvedLanguage ?? 'en';
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [startsOn, setStartsOn] = useState(meeting?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(meeting?.endsOn ?? '');
  const [startTime, setStartTime] = useState(meeting?.startTime ?? '');
  const [timeZone, setTimeZone] = useState(meeting?.timeZone ?? browserZone());
  const [format, setFormat] = useState<MeetingFormat>(meeting?.format ?? 'hybrid');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [description, setDescription] = useState(meeting?.description ?? '');
  const [visibility, setVisibility] = useState<MeetingVisibility>(meeting?.visibility ?? 'mag');
  const [copyFrom, setCopyFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors(MEETING_FIELDS);
  // A zone the browser does not list (kept from elsewhere) is added, so that the meeting keeps it.
  const zones = useMemo(() => {
    const all = timeZones();
    return zoneChoices(language, all.includes(timeZone) ? all : [timeZone, ...all]);
  }, [language, timeZone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = {
      title: t('form.required', { field: t('meetingAdmin.form.title') }),
      startsOn: t('form.required', { field: t('meetingAdmin.form.startsOn') }),
      endsOn: t('meetingAdmin.form.endsBeforeStart'),
    };
    const valid = errors.check({
      title: !hasVisibleText(title) && words.title,
      startsOn: !startsOn && words.startsOn,
      endsOn: Boolean(startsOn && endsOn && endsOn < startsOn) && words.endsOn,
    });
    if (!valid) return;
    setBusy(true);
    const body = { title, startsOn, endsOn: endsOn || startsOn, startTime, timeZone, format, place, description, visibility };
    try {
      const saved = meeting
        ? await patch<MeetingDto>(`/api/meetings/${encodeURIComponent(meeting.id)}`, body)
        : await post<MeetingDto>('/api/meetings', copyFrom ? { ...body, copyFrom } : body);
      onDone(saved);
    } catch (failure) {
      errors.fail(failure, words);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={ref}
      className="form panel meeting-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-labelledby={titleId}
      noValidate
    >
      <h2 id={titleId}>{meeting ? t('meetingAdmin.editTitle', { title: meeting.title }) : t('meetingAdmin.form.createTitle')}</h2>
      <Field label={t('meetingAdmin.form.title')} {...errors.field('title')} limit={{ length: title.length, max: 200 }}>
        {(control) => (
          <input {...control} required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
        )}
      </Field>
      <div className="meeting-form__row">
        <Field label={t('meetingAdmin.form.startsOn')} {...errors.field('startsOn')}>
          {(control) => (
            <input {...control} type="date" required value={startsOn} onChange={(event) => setStartsOn(event.target.value)} />
          )}
        </Field>
        <Field label={t('meetingAdmin.form.endsOn')} {...errors.field('endsOn')}>
          {(control) => (
            <input
              {...control}
              type="date"
              required
              min={startsOn || undefined}
              value={endsOn}
              onChange={(event) => setEndsOn(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('meetingAdmin.form.startTime')} {...errors.field('startTime')}>
          {(control) => (
            <input {...control} type="time" value={startTime} onChange={(event) => setStartTime(event.target.value)} />
          )}
        </Field>
      </div>
      <SelectField
        label={t('meetingAdmin.form.timeZone')}
        {...errors.field('timeZone')}
        hint={t('meetingAdmin.form.timeZoneHint')}
        value={timeZone}
        options={zones.zones}
        optionLabel={zones.label}
        onChange={setTimeZone}
        required
      />
      <SelectField
        label={t('meetingAdmin.form.format')}
        {...errors.field('format')}
        value={format}
        options={MEETING_FORMATS}
        optionLabel={(value) => t(`meetingAdmin.formats.${value}`)}
        onChange={setFormat}
      />
      <Field label={t('meetingAdmin.form.place')} {...errors.field('place')} limit={{ length: place.length, max: 200 }}>
        {(control) => <input {...control} maxLength={200} value={place} onChange={(event) => setPlace(event.target.value)} />}
      </Field>
      <Field
        label={t('meetingAdmin.form.description')}
        {...errors.field('description')}
        limit={{ length: description.length, max: 5000 }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={5000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <SelectField
        label={t('meetingAdmin.form.visibility')}
        {...errors.field('visibility')}
        hint={t('meetingAdmin.form.visibilityHint')}
        value={visibility}
        options={MEETING_VISIBILITIES}
        optionLabel={(value) => t(`meetingAdmin.visibility.${value}`)}
        onChange={setVisibility}
      />
      {!meeting && (
        <SelectField
          label={t('meetingAdmin.form.copyFrom')}
          {...errors.field('copyFrom')}
          hint={t('meetingAdmin.form.copyFromHint')}
          value={copyFrom}
          options={['', ...sources.map((source) => source.id)]}
          optionLabel={(id) =>
            id ? (sources.find((source) => source.id === id)?.title ?? id) : t('meetingAdmin.form.copyFromNone')
          }
          onChange={setCopyFrom}
        />
      )}
      <ErrorAlert message={errors.formError && t('meetingAdmin.failed', { message: errors.formError })} />
      <div className="meeting-form__actions">
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {busy ? t('meetingAdmin.form.saving') : meeting ? t('meetingAdmin.form.save') : t('meetingAdmin.form.create')}
        </BusyButton>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('meetingAdmin.form.cancel')}
        </button>
      </div>
    </form>
  );
}

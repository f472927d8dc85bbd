/**
 * The calls for proposals of a meeting, on its proposals page: each call with its state and,
 * while it is open, a countdown to its close (updated every minute, not announced at each tick).
 * The secretariat opens calls and extends them here.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_KINDS, type CallKind } from '../../../shared/constants/meetings.ts';
import type { CallDto } from '../../../shared/schemas/meetings.ts';
import { get, patch, post } from '../app/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import '../meetings/meetingAdmin.css';
import { formatDateTime, formatNumber, formatZoneName, isolate, readerTimeZone } from '../../../shared/i18n/format.ts';

const MINUTE = 60_000;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "3 days 4 hours", "2 hours 5 minutes" in the reader's language. */
function formatLeft(ms: number, language: string, lessThanAMinute: string): string {
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 1) return lessThanAMinute;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    formatNumber(language, value, { style: 'unit', unit: name, unitDisplay: 'long' });
  if (days > 0) return [unit(days, 'day'), hours ? unit(hours, 'hour') : ''].filter(Boolean).join(' ');
  return [hours ? unit(hours, 'hour') : '', unit(rest, 'minute')].filter(Boolean).join(' ');
}

/**
 * Says beside a time field that times are typed in the reader's zone, named in words in their
 * language with its IANA name, as the agenda names the meeting's (the secretariat and a member in
 * Tokyo read the same call at different hours).
 */
function useZoneHint(): string {
  const { t, i18n } = useTranslation();
  const zone = formatZoneName(i18n.language, readerTimeZone());
  return t('calls.zoneHint', { zone: zone.name, id: isolate(zone.id) });
}

/** A datetime-local value ("2025-02-01T09:00") as an ISO instant in the reader's zone. */
const localToIso = (value: string) => new Date(value).toISOString();
const isoToLocal = (iso: string) => {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** `mayManage`: open and extend calls (callPolicy.ts). */
export function CallsPanel({ meetingId, mayManage }: { meetingId: string; mayManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [calls, setCalls] = useState<CallDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const now = useNow(MINUTE);
  const reload = useCallback(async () => {
    try {
      setCalls(await get<CallDto[]>(`/api/meetings/${encodeURIComponent(meetingId)}/calls`));
    } catch (failure) {
      setError(t('calls.failed', { message: (failure as Error).message }));
    }
  }, [meetingId, t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const when = (iso: string) => formatDateTime(i18n.language, new Date(iso), { dateStyle: 'long', withZone: true });
  if (calls.length === 0 && !mayManage) return null;

  return (
    <section className="panel calls" aria-labelledby="calls-title">
      <h3 id="calls-title">{t('calls.title')}</h3>
      <ul className="calls__list">
        {calls.map((call) => {
          const opens = Date.parse(call.opensAt);
          const closes = Date.parse(call.closesAt);
          const kind = t(`calls.kinds.${call.kind}`);
          const open = opens <= now && now < closes;
          return (
            <li key={call.id}>
              {open ? (
                <>
                  <strong>{t('calls.open', { kind, closes: when(call.closesAt) })}</strong>{' '}
                  <span className="calls__countdown">
                    {t('calls.countdown', { left: formatLeft(closes - now, i18n.language, t('calls.lessThanAMinute')) })}
                  </span>
                </>
              ) : now < opens ? (
                t('calls.upcoming', { kind, opens: when(call.opensAt) })
              ) : (
                t('calls.closed', { kind, closes: when(call.closesAt) })
              )}
              {mayManage && (
                <ExtendCall
                  call={call}
                  onDone={() => {
                    setStatus(t('calls.extended'));
                    void reload();
                  }}
                  defaultValue={isoToLocal(call.closesAt)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {mayManage && (
        <NewCall
          meetingId={meetingId}
          onDone={(created) => {
            // A call whose opening is still to come is scheduled, not opened.
            setStatus(
              Date.parse(created.opensAt) > Date.now()
                ? t('calls.scheduled', { opens: when(created.opensAt) })
                : t('calls.created'),
            );
            void reload();
          }}
        />
      )}
      <p role="status">{status}</p>
      <ErrorAlert message={error} />
    </section>
  );
}

function ExtendCall({ call, defaultValue, onDone }: { call: CallDto; defaultValue: string; onDone: () => void }) {
  const { t } = useTranslation();
  const zoneHint = useZoneHint();
  const [value, setValue] = useState(defaultValue);
  const errors = useFieldErrors(['closesAt'] as const);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = { closesAt: t('form.required', { field: t('calls.extendTo') }) };
    if (!errors.check({ closesAt: !value && words.closesAt })) return;
    try {
      await patch(`/api/calls/${encodeURIComponent(call.id)}`, { closesAt: localToIso(value) });
      errors.clear();
      onDone();
    } catch (failure) {
      errors.fail(failure, words);
    }
  };
  return (
    <form
      className="calls__form"
      onSubmit={submit}
      aria-label={`${t('calls.extend')}: ${t(`calls.kinds.${call.kind}`)}`}
      noValidate
    >
      <Field label={t('calls.extendTo')} hint={zoneHint} {...errors.field('closesAt')}>
        {(control) => (
          <input {...control} type="datetime-local" required value={value} onChange={(event) => setValue(event.target.value)} />
        )}
      </Field>
      <button type="submit" className="button">
        {t('calls.extendSave')}
      </button>
      <ErrorAlert message={errors.formError && t('calls.failed', { message: errors.formError })} />
    </form>
  );
}

function NewCall({ meetingId, onDone }: { meetingId: string; onDone: (created: CallDto) => void }) {
  const { t } = useTranslation();
  const zoneHint = useZoneHint();
  const [kind, setKind] = useState<CallKind>('PN');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const errors = useFieldErrors(['kind', 'opensAt', 'closesAt'] as const);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = {
      opensAt: t('form.required', { field: t('calls.opensAt') }),
      closesAt: t('form.required', { field: t('calls.closesAt') }),
    };
    const valid = errors.check({
      opensAt: !opensAt && words.opensAt,
      closesAt: !closesAt ? words.closesAt : closesAt <= opensAt && t('calls.closesBeforeOpens'),
    });
    if (!valid) return;
    try {
      const created = await post<CallDto>(`/api/meetings/${encodeURIComponent(meetingId)}/calls`, {
        kind,
        opensAt: localToIso(opensAt),
        closesAt: localToIso(closesAt),
      });
      errors.clear();
      onDone(created);
    } catch (failure) {
      errors.fail(failure, words);
    }
  };
  return (
    <form className="calls__form" onSubmit={submit} aria-label={t('calls.newCall')} noValidate>
      <SelectField
        label={t('calls.kind')}
        {...errors.field('kind')}
        value={kind}
        options={CALL_KINDS}
        optionLabel={(value) => t(`calls.kinds.${value}`)}
        onChange={setKind}
      />
      <Field label={t('calls.opensAt')} hint={zoneHint} {...errors.field('opensAt')}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            required
            value={opensAt}
            onChange={(event) => setOpensAt(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('calls.closesAt')} hint={zoneHint} {...errors.field('closesAt')}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            required
            value={closesAt}
            onChange={(event) => setClosesAt(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {t('calls.create')}
      </button>
      <ErrorAlert message={errors.formError && t('calls.failed', { message: errors.formError })} />
    </form>
  );
}

/**
 * The cycle timeline: every meeting, call deadline, poll and action due date by date, filtered
 * by working group and "mine", and the person's private calendar address.
 */
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay, intlLocale, isolate } from '../../../shared/i18n/format.ts';
import type { TimelineDto, TimelineItem } from '../../../shared/schemas/timeline.ts';
import { del, get, post } from '../app/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field } from '../ui/Field.tsx';
import '../meetings/meetingAdmin.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function TimelinePage() {
  const { t } = useTranslation();
  usePageTitle(t('timeline.title'));
  const [group, setGroup] = useState('');
  const [mine, setMine] = useState(false);
  const [data, setData] = useState<TimelineDto | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const query = new URLSearchParams();
    if (group) query.set('workingGroup', group);
    if (mine) query.set('mine', 'true');
    get<TimelineDto>(`/api/timeline?${query.toString()}`).then(
      (loaded) => {
        if (!live) return;
        setData(loaded);
        setError(null);
      },
      (failure: Error) => live && setError(t('app.error', { message: failure.message })),
    );
    return () => {
      live = false;
    };
  }, [group, mine, t]);

  return (
    <section className="page" aria-labelledby="timeline-title">
      <h1 id="timeline-title">{t('timeline.title')}</h1>
      <p>{t('timeline.intro')}</p>
      <form
        className="admin-filters"
        role="search"
        aria-label={t('timeline.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label={t('timeline.workingGroup')}>
          {(control) => (
            <select {...control} value={group} onChange={(event) => setGroup(event.target.value)}>
              <option value="">{t('timeline.anyGroup')}</option>
              {data?.workingGroups.map((option) => (
                <option key={option.id} value={option.id}>
                  {isolate(option.name)} ({isolate(option.meetingTitle)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckboxField label={t('timeline.mine')} checked={mine} onChange={setMine} />
      </form>
      <ErrorAlert message={error} />
      {!data && !error && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <p role="status">{data.items.length === 0 ? t('timeline.empty') : t('timeline.count', { count: data.items.length })}</p>
          <ol className="timeline">
            {data.items.map((item) => (
              <TimelineEntry key={item.key} item={item} />
            ))}
          </ol>
        </>
      )}
      <CalendarFeed />
    </section>
  );
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t, i18n } = useTranslation();
  const format = item.allDay
    ? new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'medium', timeZone: 'UTC' })
    : new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  const start = new Date(item.allDay ? `${item.start}T00:00:00Z` : item.start);
  const when =
    item.allDay && item.end && item.end !== item.start
      ? format.formatRange(start, new Date(`${item.end}T00:00:00Z`))
      : format.format(start);
  return (
    <li className={`timeline__item timeline__item--${item.kind}`}>
      <time dateTime={item.start}>{when}</time>
      <span className="timeline__kind">{t(`timeline.kinds.${item.kind}`)}</span>
      <Link to={item.link}>{titleOf(item, t, i18n.language)}</Link>
      <span className="timeline__meta">
        {item.kind !== 'meeting' && `${item.meetingTitle} · `}
        {t('timeline.status', { status: t(`timeline.statuses.${item.status}`, { defaultValue: item.status }) })}
      </span>
    </li>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (command: () => Promise<void>) => {
    try {
      await command();
      setError(null);
    } catch (failure) {
      setError(t('timeline.calendar.failed', { message: (failure as Error).message }));
    }
  };
  return (
    <section className="panel" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('timeline.calendar.title')}</h2>
      <p>{t('timeline.calendar.intro')}</p>
      <div className="meeting-form__actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              setUrl((await post<{ url: string }>('/api/me/calendar-token')).url);
              setStatus(t('timeline.calendar.issued'));
            })
          }
        >
          {t('timeline.calendar.get')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() =>
            void run(async () => {
              await del('/api/me/calendar-token');
              setUrl(null);
              setStatus(t('timeline.calendar.revoked'));
            })
          }
        >
          {t('timeline.calendar.revoke')}
        </button>
      </div>
      {url && (
        <Field label={t('timeline.calendar.address')}>
          {(control) => <input {...control} readOnly value={url} onFocus={(event) => event.target.select()} />}
        </Field>
      )}
      <p role="status">{status}</p>
      <ErrorAlert message={error} />
    </section>
  );
}

/**
 * An item's title in the reader's language, from its kind and its own words (the server's `title`
 * is English). The subject keeps the language it was written in, isolated so that it keeps its
 * own direction inside the sentence.
 */
function titleOf(item: TimelineItem, t: TFunction, language: string): string {
  switch (item.kind) {
    case 'meeting':
      return item.subject;
    case 'call':
      return t('timeline.titles.callCloses', { kind: t(`calls.kinds.${item.callKind ?? 'other'}`) });
    case 'poll':
      return t(item.status === 'closed' ? 'timeline.titles.pollClosed' : 'timeline.titles.pollOpen', {
        question: isolate(item.subject),
      });
    case 'action':
      return t('timeline.titles.actionDue', {
        due: item.dueLabel === null ? formatDay(language, item.start) : isolate(item.dueLabel),
        text: isolate(item.subject),
      });
  }
}

/**
 * The audit log for the secretariat: filtered by person, action and dates, and downloaded as
 * CSV with the same filters. The server refuses everyone else; the page says so. Actions and the
 * detail's fields read in the reader's language (auditText.ts, AuditDetail.tsx); the CSV keeps the
 * codes and the raw JSON, for tools.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto } from '../../../shared/schemas/audit.ts';
import { get } from '../app/api.ts';
import { useUser } from '../app/session.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import '../meetings/meetingAdmin.css';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AuditDetail, AuditSubject } from './AuditDetail.tsx';
import { canReadAuditLog } from './auditPolicy.ts';
import { actionLabel } from './auditText.ts';
import './auditLog.css';

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const FILTER_FIELDS = ['actor', 'action', 'from', 'to'] as const;

const EMPTY: Filters = { actor: '', action: '', from: '', to: '' };

/**
 * The filters, and the page's language: the server words a thread's or comment's name itself
 * ("… by …, on …"), and without it used the person's stored language, so a page in Arabic chosen
 * on the device read those names with English words.
 */
const queryOf = (filters: Filters, language: string) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  query.set('lang', language);
  return query.toString();
};

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  usePageTitle(t('auditLog.title'));
  const user = useUser();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntryDto[] | undefined>();
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const allowed = canReadAuditLog(user);
  const errors = useFieldErrors(FILTER_FIELDS);
  const { fail } = errors;

  useEffect(() => {
    if (!allowed) return;
    get<{ id: string; name: string }[]>('/api/users').then(setPeople, () => setPeople([]));
    get<string[]>('/api/audit-log/actions').then(setActions, () => setActions([]));
  }, [allowed]);
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    setEntries(undefined);
    get<AuditEntryDto[]>(`/api/audit-log?${queryOf(filters, language)}`).then(
      (loaded) => {
        if (!live) return;
        setEntries(loaded);
        setError(null);
      },
      (failure: Error) => {
        if (!live) return;
        // A refused date goes beside its field (the server names it); anything else at the top.
        if (!fail(failure, { to: t('auditLog.errors.toBeforeFrom') })) setError(t('app.error', { message: failure.message }));
      },
    );
    return () => {
      live = false;
    };
  }, [filters, language, allowed, t, fail]);

  if (!allowed) {
    return (
      <section className="page" aria-labelledby="audit-title">
        <h1 id="audit-title">{t('auditLog.title')}</h1>
        <ErrorAlert message={t('auditLog.forbidden')} />
      </section>
    );
  }
  const set = (key: keyof Filters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const backwards = draft.from !== '' && draft.to !== '' && draft.to < draft.from;
    if (!errors.check({ to: backwards && t('auditLog.errors.toBeforeFrom') })) return;
    setFilters(draft);
  };
  // The server refused a filter beside its field: nothing is loading.
  const refused = FILTER_FIELDS.some((name) => errors.field(name).error);

  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditLog.title')}</h1>
      <p>{t('auditLog.intro')}</p>
      <form className="admin-filters" role="search" aria-label={t('auditLog.filters')} onSubmit={apply} noValidate>
        <Field label={t('auditLog.actor')} {...errors.field('actor')}>
          {(control) => (
            <select {...control} value={draft.actor} onChange={(event) => set('actor')(event.target.value)}>
              <option value="">{t('auditLog.anyActor')}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('auditLog.action')} {...errors.field('action')}>
          {(control) => (
            <select {...control} value={draft.action} onChange={(event) => set('action')(event.target.value)}>
              <option value="">{t('auditLog.anyAction')}</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(i18n, action)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('auditLog.from')} {...errors.field('from')}>
          {(control) => (
            <input {...control} type="date" value={draft.from} onChange={(event) => set('from')(event.target.value)} />
          )}
        </Field>
        <Field label={t('auditLog.to')} {...errors.field('to')}>
          {(control) => <input {...control} type="date" value={draft.to} onChange={(event) => set('to')(event.target.value)} />}
        </Field>
        <button type="submit" className="button button--primary">
          {t('auditLog.apply')}
        </button>
        <a className="button" href={`/api/audit-log.csv?${queryOf(filters, language)}`} download>
          {t('auditLog.download')}
        </a>
      </form>
      <ErrorAlert message={error} />
      {!entries && !error && !refused && <p role="status">{t('app.loading')}</p>}
      {entries && (
        <p role="status">{entries.length === 0 ? t('auditLog.empty') : t('auditLog.count', { count: entries.length })}</p>
      )}
      {entries && entries.length > 0 && (
        <DataTable caption={t('auditLog.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('auditLog.at')}</th>
              <th scope="col">{t('auditLog.who')}</th>
              <th scope="col">{t('auditLog.what')}</th>
              <th scope="col">{t('auditLog.subject')}</th>
              <th scope="col">{t('auditLog.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{formatDateTime(i18n.language, Date.parse(entry.at), { timeStyle: 'medium' })}</time>
                </td>
                <td>
                  {entry.actorName !== null ? (
                    <bdi>{entry.actorName}</bdi>
                  ) : entry.actorId !== null ? (
                    <span className="audit-unnamed">{t('auditLog.unnamed', { id: `\u2068${entry.actorId}\u2069` })}</span>
                  ) : (
                    t('auditLog.system')
                  )}
                </td>
                <td>
                  {actionLabel(i18n, entry.action)}
                  {/* The code as the CSV and the filter's value have it, to match the two. */}
                  <code className="audit-code">{entry.action}</code>
                </td>
                <td>
                  <AuditSubject subject={entry.subject} names={entry.names} />
                </td>
                <td className="audit-log__detail">
                  <AuditDetail detail={entry.detail} action={entry.action} names={entry.names} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

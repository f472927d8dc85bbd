/**
 * /meetings/:meetingId/registrations (secretariat, chair): who registered for a public meeting on
 * its public page, whether each confirmed their email, a CSV of them, and the switch that opens or
 * closes registration. The server decides who may see it (403 for others, 404 for a mag meeting).
 */

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime, isolate } from '../../../shared/i18n/format.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import type { RegistrationDto, RegistrationSettings, RegistrationStatus } from '../../../shared/schemas/public.ts';
import { get, patch } from '../app/api.ts';
import { useUser } from '../app/session.tsx';
import { takesChanges } from '../meetings/meetingPolicy.ts';
import { publicPagePath } from '../meetings/publicPagePath.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { canChangeRegistration } from './registrationPolicy.ts';

export function RegistrationsPage() {
  const { meetingId = '' } = useParams();
  const user = useUser();
  const { t, i18n } = useTranslation();
  const [meeting, setMeeting] = useState<MeetingDto | null>(null);
  const [rows, setRows] = useState<RegistrationDto[] | null>(null);
  const [open, setOpen] = useState<boolean | null>(null);
  // An archived meeting's registration is closed for good (the server says so): not "closed" for now, nor "open".
  const [archived, setArchived] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  usePageTitle(meeting ? t('registrations.title', { title: meeting.title }) : t('registrations.link'));
  const { busy, message, run } = useCommand((why) => t('registrations.failed', { message: why }));
  const path = `/api/meetings/${encodeURIComponent(meetingId)}`;

  const load = useCallback(async () => {
    try {
      const [found, registrations, settings] = await Promise.all([
        get<MeetingDto>(path),
        get<RegistrationDto[]>(`${path}/registrations`),
        get<RegistrationStatus>(`${path}/registration`),
      ]);
      setMeeting(found);
      setRows(registrations);
      setOpen(settings.open);
      setArchived(settings.archived);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, [path]);
  useEffect(() => void load(), [load]);

  const toggle = () =>
    void run(
      async () => setOpen((await patch<RegistrationSettings>(`${path}/registration`, { open: !open })).open),
      open ? t('registrations.nowClosed') : t('registrations.nowOpen'),
    );

  return (
    <section className="page registrations" aria-labelledby="registrations-title">
      <h1 id="registrations-title">
        {meeting ? t('registrations.title', { title: isolate(meeting.title) }) : t('registrations.link')}
      </h1>
      <ErrorAlert message={loadError} />
      {!loadError && open === null && <p role="status">{t('app.loading')}</p>}
      {open !== null && (
        <>
          <p>{t('registrations.intro')}</p>
          <p>
            <a href={publicPagePath(meetingId, i18n.language)}>{t('meetingAdmin.publicPage')}</a>
          </p>
          <h2>{t('registrations.state')}</h2>
          <p>{archived ? t('registrations.archived') : open ? t('registrations.open') : t('registrations.closed')}</p>
          {/* An archived meeting is kept as it was: its registration is neither opened nor closed any more. */}
          {meeting && canChangeRegistration(user, meeting) ? (
            <p>
              <BusyButton type="button" className="button" busy={busy} onClick={toggle}>
                {open ? t('registrations.close') : t('registrations.reopen')}
              </BusyButton>
            </p>
          ) : (
            meeting && !takesChanges(meeting) && <p>{t('meetingAdmin.archivedNotice')}</p>
          )}
          <ErrorAlert message={message?.error ? message.text : null} />
          {message && !message.error && <p role="status">{message.text}</p>}
        </>
      )}
      {rows && (
        <>
          <h2>{t('registrations.people')}</h2>
          <p>
            {rows.length === 0 ? t('registrations.empty') : t('registrations.count', { count: rows.length })}
            {rows.length > 0 && (
              <>
                {' '}
                <a
                  className="button"
                  href={`${path}/registrations.csv?lang=${encodeURIComponent(i18n.resolvedLanguage ?? 'en')}`}
                  download
                >
                  {t('registrations.download')}
                </a>
              </>
            )}
          </p>
          {rows.length > 0 && (
            <DataTable caption={t('registrations.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('registrations.name')}</th>
                  <th scope="col">{t('registrations.email')}</th>
                  <th scope="col">{t('registrations.group')}</th>
                  <th scope="col">{t('registrations.country')}</th>
                  <th scope="col">{t('registrations.affiliation')}</th>
                  <th scope="col">{t('registrations.registered')}</th>
                  <th scope="col">{t('registrations.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" dir="auto">
                      {row.name}
                    </th>
                    <td>{row.email}</td>
                    <td>{t(`groups.${row.group}`, { defaultValue: row.group })}</td>
                    <td dir="auto">{row.country}</td>
                    <td dir="auto">{row.affiliation}</td>
                    <td>
                      <time dateTime={new Date(row.createdAt).toISOString()}>{formatDateTime(i18n.language, row.createdAt)}</time>
                    </td>
                    <td>{row.confirmed ? t('registrations.yes') : t('registrations.notYet')}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

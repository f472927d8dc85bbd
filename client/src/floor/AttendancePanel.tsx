/** Checking in for today (in the room or online), and for the chair and secretariat who is present and whether there is quorum. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceMode } from '../../../shared/constants/floor.ts';
import { formatDay } from '../../../shared/i18n/format.ts';
import type { Attendance } from '../../../shared/schemas/floor.ts';
import { get, post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { canCheckIn, canSeeAttendance } from './floorPolicy.ts';

export function AttendancePanel() {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [attendance, setAttendance] = useState<Attendance | null>(null);
  const { busy, message, run } = useCommand((why) => t('floor.attendance.failed', { message: why }));
  const path = `/api/meetings/${encodeURIComponent(meeting.id)}/attendance`;
  const load = useCallback(() => get<Attendance>(path).then(setAttendance), [path]);
  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);
  if (!attendance) return null;
  const day = attendance.quorum.day;
  // The meeting day as a reader says it ("6 December 2026", "6 décembre 2026"), not the ISO key.
  const dayShown = formatDay(i18n.language, day);
  const mine = attendance.attendees.find((entry) => entry.userId === user.id && entry.day === day);
  const today = attendance.attendees.filter((entry) => entry.day === day);
  const checkIn = (mode: AttendanceMode) =>
    run(
      async () => setAttendance(await post<Attendance>(path, { day, mode })),
      t('floor.attendance.checkedIn', { mode: t(`floor.attendance.mode.${mode}`) }),
    );
  const quorum = attendance.quorum;
  return (
    <section className="panel floor-attendance" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="panel__title">
        {t('floor.attendance.title')}
      </h2>
      <p>
        {mine
          ? t('floor.attendance.youAre', { mode: t(`floor.attendance.mode.${mine.mode}`), day: dayShown })
          : t('floor.attendance.notYet', { day: dayShown })}
      </p>
      {canCheckIn(user, meeting) && (
        <div className="floor-chair__row" role="group" aria-label={t('floor.attendance.checkIn')}>
          {(['room', 'online'] as const).map((mode) => (
            <BusyButton
              key={mode}
              type="button"
              className="button"
              aria-pressed={mine?.mode === mode}
              busy={busy}
              onClick={() => void checkIn(mode)}
            >
              {t(`floor.attendance.as.${mode}`)}
            </BusyButton>
          ))}
        </div>
      )}
      <p role="status" className="floor-status">
        {message && !message.error ? message.text : ''}
      </p>
      <ErrorAlert message={message?.error ? message.text : null} />
      {quorum.setting && (
        <p className={quorum.met ? 'floor-quorum floor-quorum--met' : 'floor-quorum'}>
          {t(quorum.met ? 'floor.attendance.quorumMet' : 'floor.attendance.quorumNotMet', {
            present: quorum.present,
            required: quorum.required,
          })}
        </p>
      )}
      {canSeeAttendance(user) && (
        <>
          <h3>{t('floor.attendance.present', { count: today.length })}</h3>
          <ul className="floor-attendance__list">
            {today.map((entry) => (
              <li key={entry.userId}>
                <bdi>{entry.name}</bdi> <span className="floor-hand__meta">{t(`floor.attendance.mode.${entry.mode}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

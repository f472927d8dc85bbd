/**
 * The start page: the meetings of the cycle, upcoming, happening now and past, with their dates
 * (also in the reader's own time zone), format, place and open work. The secretariat creates,
 * edits, archives and deletes meetings here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMeetingDays } from '../../../shared/i18n/format.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { del, get, post } from '../app/api.ts';
import { useUser } from '../app/session.tsx';
import { canSeeRegistrations } from '../registrations/registrationPolicy.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { MeetingForm } from './MeetingForm.tsx';
import { canAdministerMeeting, canCreateMeetings, type PolicyUser } from './meetingPolicy.ts';
import { publicPagePath } from './publicPagePath.ts';
import { useMeetingStart } from './useMeetingStart.ts';
import './meetingAdmin.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

type Period = 'current' | 'upcoming' | 'past';
const PERIODS: Period[] = ['current', 'upcoming', 'past'];

const todayIso = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

function periodOf(meeting: MeetingDto, today: string): Period {
  if (meeting.startsOn > today) return 'upcoming';
  if ((meeting.endsOn || meeting.startsOn) < today) return 'past';
  return 'current';
}

export function MeetingListPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.title'));
  const user = useUser();
  const secretariat = canCreateMeetings(user);
  const moderator = canSeeRegistrations(user);
  const [meetings, setMeetings] = useState<MeetingDto[] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Created, the focus goes to the new meeting's heading; cancelled, back to "New meeting".
  const create = useInlineForm();

  const reload = useCallback(async () => {
    try {
      setMeetings(await get<MeetingDto[]>('/api/meetings'));
      setError(null);
    } catch (failure) {
      setError(t('app.error', { message: (failure as Error).message }));
    }
  }, [t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const today = todayIso();
  const sorted = [...(meetings ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.title.localeCompare(b.title));
  // One message at a time: a new outcome clears the cards' last refusals (`notice`), and a card's
  // refusal clears the page's last outcome, so that "created" never sits beside an old refusal.
  // The list first, then the status: "… was deleted." is not said while the meeting is still listed.
  const [notice, setNotice] = useState(0);
  const done = async (message: string) => {
    await reload();
    setStatus(message);
    setNotice((n) => n + 1);
  };

  return (
    <section className="page" aria-labelledby="meetings-title">
      <div className="section-heading">
        <h1 id="meetings-title" tabIndex={-1}>
          {t('meetings.title')}
        </h1>
        {secretariat && !create.open && (
          <button ref={create.opener} type="button" className="button button--primary" onClick={create.show}>
            {t('meetingAdmin.newMeeting')}
          </button>
        )}
      </div>
      <p role="status" className="meeting-admin__status">
        {status}
      </p>
      {create.open && (
        <MeetingForm
          ref={create.form}
          onKeyDown={create.onKeyDown}
          sources={sorted}
          onDone={(meeting) => {
            create.close(meetingTitleId(meeting.id));
            void done(t('meetingAdmin.created', { title: meeting.title }));
          }}
          onCancel={() => create.close()}
        />
      )}
      <ErrorAlert message={error} />
      {!meetings && !error && <p role="status">{t('app.loading')}</p>}
      {meetings?.length === 0 && <p>{t('meetings.empty')}</p>}
      {meetings &&
        meetings.length > 0 &&
        PERIODS.map((period) => {
          const inPeriod = sorted.filter((meeting) => periodOf(meeting, today) === period);
          if (period === 'past') inPeriod.reverse();
          return (
            <section key={period} aria-labelledby={`meetings-${period}`} className="meeting-admin__period">
              <h2 id={`meetings-${period}`}>{t(`meetingAdmin.${period}`)}</h2>
              {inPeriod.length === 0 ? (
                <p>{t('meetingAdmin.noneIn')}</p>
              ) : (
                <ul className="card-list">
                  {inPeriod.map((meeting) => (
                    <MeetingCard
                      key={meeting.id}
                      meeting={meeting}
                      user={user}
                      moderator={moderator}
                      onDone={done}
                      notice={notice}
                      onFailed={() => setStatus(null)}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </section>
  );
}

/** A meeting card's heading: it takes the focus once the meeting is created (tabIndex={-1}). */
const meetingTitleId = (id: string) => `meeting-${id}-title`;

function MeetingCard({
  meeting,
  user,
  moderator,
  onDone,
  notice,
  onFailed,
}: {
  meeting: MeetingDto;
  user: PolicyUser;
  /** The secretariat or the chair: they see a public meeting's registrations. */
  moderator: boolean;
  onDone: (message: string) => void;
  /** Moves on each outcome the page announces: this card's refusal, if any, is then old news. */
  notice: number;
  onFailed: () => void;
}) {
  const { t, i18n } = useTranslation();
  // Opened from "Edit", the form takes the card's place; saved or cancelled, the focus goes back to "Edit".
  const edit = useInlineForm();
  const [archiving, setArchiving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  // A refusal belongs to the outcome count it came under: once the page announces a newer outcome
  // it is not drawn. Derived in render, not cleared by an effect, so that no frame shows the new
  // outcome beside the old refusal (the effect ran a paint later, and a test saw both).
  const [refusal, setRefusal] = useState<{ message: string; notice: number } | null>(null);
  const error = refusal && refusal.notice === notice ? refusal.message : null;
  const latestNotice = useRef(notice);
  latestNotice.current = notice;
  const setError = (message: string | null) => setRefusal(message === null ? null : { message, notice: latestNotice.current });
  const archived = meeting.status === 'archived';
  const path = `/api/meetings/${encodeURIComponent(meeting.id)}`;
  const start = useMeetingStart(meeting);
  // Deleted, the card goes with its buttons: the focus goes to the list's heading, not to the page.
  const card = useRef<HTMLLIElement>(null);
  useFocusWhenGone(card, 'meetings-title');

  const command = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone(message);
    } catch (failure) {
      setError(t('meetingAdmin.failed', { message: (failure as Error).message }));
      onFailed();
    } finally {
      setBusy(false);
    }
  };

  if (edit.open) {
    return (
      <li ref={card} className="card">
        <MeetingForm
          ref={edit.form}
          onKeyDown={edit.onKeyDown}
          meeting={meeting}
          onDone={(saved) => {
            edit.close();
            onDone(t('meetingAdmin.saved', { title: saved.title }));
          }}
          onCancel={() => edit.close()}
        />
      </li>
    );
  }
  return (
    <li ref={card} className={archived ? 'card meeting-card meeting-card--archived' : 'card meeting-card'}>
      <h3 id={meetingTitleId(meeting.id)} className="card__title" tabIndex={-1}>
        <Link to={`/meetings/${meeting.id}`} dir="auto">
          {meeting.title}
        </Link>
        {archived && <span className="meeting-card__badge">{t('meetingAdmin.archivedBadge')}</span>}
      </h3>
      <p className="card__meta">
        {formatMeetingDays(meeting, i18n.language)}
        {start.inZone && ` · ${start.inZone}`} · {t(`meetingAdmin.formats.${meeting.format}`)}
        {meeting.place && ` · ${meeting.place}`} · {t(`meetingAdmin.visibility.${meeting.visibility}`)}
      </p>
      {meeting.visibility === 'public' && (
        <p className="card__meta">
          <a
            href={publicPagePath(meeting.id, i18n.language)}
            aria-label={t('app.labelled', { label: t('meetingAdmin.publicPage'), value: meeting.title })}
          >
            {t('meetingAdmin.publicPage')}
          </a>
          {moderator && (
            <>
              {' · '}
              <Link
                to={`/meetings/${encodeURIComponent(meeting.id)}/registrations`}
                aria-label={t('app.labelled', { label: t('registrations.link'), value: meeting.title })}
              >
                {t('registrations.link')}
              </Link>
            </>
          )}
        </p>
      )}
      {start.readerStart && <p className="card__meta">{t('meetingAdmin.viewerTime', { time: start.readerStart })}</p>}
      <p className="card__meta">{t('meetingAdmin.counts', { polls: meeting.openPolls, actions: meeting.openActions })}</p>
      {/* Written by people in any language: its own direction, not the page's (an English one on an Arabic page). */}
      {meeting.description && <p dir="auto">{meeting.description}</p>}
      {canAdministerMeeting(user, meeting) && (
        <div className="meeting-card__actions">
          <button
            ref={edit.opener}
            type="button"
            className="button"
            onClick={edit.show}
            aria-label={t('app.labelled', { label: t('meetingAdmin.edit'), value: meeting.title })}
          >
            {t('meetingAdmin.edit')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setArchiving(true)}
            aria-label={t('app.labelled', { label: t('meetingAdmin.archive'), value: meeting.title })}
          >
            {t('meetingAdmin.archive')}
          </button>
          <BusyButton
            type="button"
            className="button button--quiet"
            busy={busy}
            aria-label={t('app.labelled', { label: t('meetingAdmin.delete'), value: meeting.title })}
            onClick={() => setDeleting(true)}
          >
            {t('meetingAdmin.delete')}
          </BusyButton>
        </div>
      )}
      <ErrorAlert message={error} />
      {deleting && (
        <ConfirmDialog
          open
          title={t('meetingAdmin.deleteDialog.title', { title: meeting.title })}
          message={t('meetingAdmin.deleteDialog.body')}
          confirmLabel={t('meetingAdmin.deleteDialog.confirm')}
          cancelLabel={t('meetingAdmin.deleteDialog.cancel')}
          onClose={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            return command(() => del(path), t('meetingAdmin.deleted', { title: meeting.title }));
          }}
        />
      )}
      {archiving && (
        <ConfirmDialog
          open
          title={t('meetingAdmin.archiveDialog.title', { title: meeting.title })}
          message={t('meetingAdmin.archiveDialog.body')}
          confirmLabel={t('meetingAdmin.archiveDialog.confirm')}
          cancelLabel={t('meetingAdmin.archiveDialog.cancel')}
          onClose={() => setArchiving(false)}
          onConfirm={() => {
            setArchiving(false);
            return command(() => post(`${path}/archive`), t('meetingAdmin.archived', { title: meeting.title }));
          }}
        >
          <ul>
            <li>{t('meetingAdmin.archiveDialog.polls')}</li>
            <li>{t('meetingAdmin.archiveDialog.readOnly')}</li>
            <li>{t('meetingAdmin.archiveDialog.pack')}</li>
          </ul>
          <p>{t('meetingAdmin.archiveDialog.irreversible')}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

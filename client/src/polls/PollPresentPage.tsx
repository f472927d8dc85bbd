/**
 * The projector view of a poll: full screen, large type, the question, the bars with their
 * counts written out, the number of ballots, and a short link with its QR code for joining from a
 * phone. It follows the meeting's live document, so the tally moves as ballots arrive.
 */
import { toDataURL } from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import { BareShell } from '../app/bareShell.ts';
import { MeetingRoute, useMeetingContext } from '../meetings/MeetingContext.tsx';
import { PollResults } from './PollResults.tsx';
import { meetingPath, shortLink, useLivePolls } from './usePolls.ts';
import './polls.css';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function PollPresentPage() {
  const { t } = useTranslation();
  const { pollId = '' } = useParams();
  return (
    <MeetingRoute loading={t('polls.present.loading')}>
      <PresentView pollId={pollId} />
    </MeetingRoute>
  );
}

function PresentView({ pollId }: { pollId: string }) {
  const { t } = useTranslation();
  const { meeting, live } = useMeetingContext();
  const poll = useLivePolls()[pollId];
  if (poll) return <Projection poll={poll} />;
  if (!live?.synced)
    return (
      <p role="status" className="page">
        {t('polls.present.loading')}
      </p>
    );
  // As a missing meeting or proposal: a heading, the tab named so, and the way back to the polls.
  return (
    <NotFoundPage
      title={t('polls.present.notFound')}
      back={`${meetingPath(meeting.id)}?tab=polls`}
      backLabel={t('polls.present.backToPolls', { title: meeting.title })}
    />
  );
}

function Projection({ poll }: { poll: PollDto }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const link = shortLink(poll.id);
  const qr = useQrCode(link);
  usePageTitle(poll.question);
  const view = useRef<HTMLElement>(null);
  return (
    <article ref={view} className={`present present--${poll.status}`} aria-labelledby="present-question">
      {/* Projected to the room: the poll, not the chair's own header (as the floor's projector view). */}
      <BareShell />
      <div className="present__bar">
        <span className={`poll-status poll-status--${poll.status}`}>{t(`polls.status.${poll.status}`)}</span>
        <span className="present__tools">
          <button
            type="button"
            className="button"
            onClick={() => void view.current?.requestFullscreen?.().catch(() => undefined)}
          >
            {t('polls.present.fullScreen')}
          </button>
          <Link className="button" to={`${meetingPath(meeting.id)}?tab=polls`}>
            {t('polls.present.back')}
          </Link>
        </span>
      </div>
      <h1 id="present-question" className="present__question" dir="auto">
        {poll.question}
      </h1>
      <div className="present__body">
        <div className="present__results">
          <PollResults poll={poll} variant="present" />
          <p className="present__ballots" data-testid="present-ballots">
            {t('polls.present.ballots', { count: poll.ballots })}
          </p>
        </div>
        {poll.status !== 'closed' && (
          <aside className="present__join" aria-label={t('polls.present.join')}>
            {qr && <img className="present__qr" src={qr} alt={t('polls.present.qrAlt', { link })} width={240} height={240} />}
            <p className="present__join-text">{t('polls.present.join')}</p>
            {/* An address reads left to right whatever the page's direction; its label above keeps the page's. */}
            <p className="present__link" dir="ltr">
              {link.replace(/^https?:\/\//, '')}
            </p>
          </aside>
        )}
      </div>
    </article>
  );
}

/** A QR code of `text` as a data URL (the page's CSP allows data: images). */
function useQrCode(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    toDataURL(text, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then(
      (data) => current && setUrl(data),
      () => current && setUrl(null),
    );
    return () => {
      current = false;
    };
  }, [text]);
  return url;
}

/**
 * Shown on every view of a meeting while a poll is open: the question, the number of ballots, and
 * the ballot itself for a single-choice poll (one click or key), or a link to the Polls tab.
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BallotForm } from './BallotForm.tsx';
import { canVote } from './pollPolicy.ts';
import { pollLink, usePolls, useWorkingGroups } from './usePolls.ts';
import './polls.css';

export function LivePollBanner() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const groups = useWorkingGroups();
  const open = usePolls().filter((poll) => poll.status === 'open');
  const [search] = useSearchParams();
  const onPollsTab = search.get('tab') === 'polls';
  return (
    <>
      {/* Always in the page, so that a poll opening is announced. */}
      <p className="sr-only" role="status">
        {open.length > 0 ? t('polls.banner.announceOpen', { question: open.map((poll) => poll.question).join('; ') }) : ''}
      </p>
      {open.length > 0 && (
        <section className="live-poll-banner" aria-labelledby="live-poll-banner-title">
          <h2 id="live-poll-banner-title" className="live-poll-banner__title">
            <span className="live-poll-banner__dot" aria-hidden="true" />
            {t('polls.banner.title', { count: open.length })}
          </h2>
          {open.map((poll) => {
            const questionId = `banner-${poll.id}-question`;
            const eligible = canVote(user, poll, groups);
            const inline = !onPollsTab && poll.kind === 'single' && eligible;
            return (
              <div className="live-poll-banner__poll" key={poll.id} data-poll={poll.id}>
                <div className="live-poll-banner__head">
                  <p id={questionId} className="live-poll-banner__question" dir="auto">
                    {poll.question}
                  </p>
                  <p className="live-poll-banner__count">{t('polls.banner.ballots', { count: poll.ballots })}</p>
                </div>
                {inline ? (
                  <BallotForm poll={poll} labelledBy={questionId} />
                ) : onPollsTab ? null : (
                  <Link to={pollLink(meeting.id, poll.id)}>{eligible ? t('polls.banner.vote') : t('polls.banner.follow')}</Link>
                )}
              </div>
            );
          })}
        </section>
      )}
    </>
  );
}

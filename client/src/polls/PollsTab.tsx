/**
 * The Polls tab: every poll of the meeting, live from its live document (open polls move as the
 * ballots arrive), the ballot for each open poll one may vote in, and for the chair and the
 * secretariat the form to create polls and the controls to run them.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isModerator } from '../../../shared/roles.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { NewPollForm } from './NewPollForm.tsx';
import { PollCard } from './PollCard.tsx';
import { usePolls } from './usePolls.ts';
import './polls.css';

export function PollsTab() {
  const { t } = useTranslation();
  const { user, live, archived } = useMeetingContext();
  const polls = usePolls();
  const [creating, setCreating] = useState(false);
  // What was done to the list (a poll created, a draft deleted), said politely; it outlives the card.
  const [said, setSaid] = useState('');
  const [search] = useSearchParams();
  const wanted = search.get('poll');
  const focused = useRef<string | null>(null);
  // The poll just created, until its card (which comes through the live document, maybe after the
  // reply) is on the page and takes the focus that the closed form held.
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const newPollButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!justCreated) return;
    const heading = document.getElementById(`poll-${justCreated}-question`);
    if (!heading) return;
    setJustCreated(null);
    heading.focus();
  }, [justCreated, polls]);

  // A short link (or the banner) names a poll: bring it into view once it is there.
  useEffect(() => {
    if (!wanted || focused.current === wanted) return;
    const heading = document.getElementById(`poll-${wanted}-question`);
    if (!heading) return;
    focused.current = wanted;
    heading.scrollIntoView({ block: 'start' });
    heading.focus();
  }, [wanted, polls]);

  return (
    <section className="polls" aria-labelledby="polls-title">
      <div className="section-heading">
        {/* Takes the focus when the last poll's card goes with it (a deleted draft). */}
        <h2 id="polls-title" tabIndex={-1}>
          {t('polls.title')}
        </h2>
        {isModerator(user.role) && !archived && !creating && (
          <button ref={newPollButton} type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('polls.newPoll')}
          </button>
        )}
      </div>
      <p className="polls__intro">{t('polls.intro')}</p>
      <p className="polls__created" role="status">
        {said}
      </p>
      {creating && (
        <NewPollForm
          onCreated={(poll) => {
            setCreating(false);
            setSaid(t('polls.form.created', { question: poll.question }));
            setJustCreated(poll.id);
          }}
          onCancel={() => {
            // A cancelled form gives the focus back to the button that opened it, which the form
            // replaced: drawn again at once, so that it is there to take the focus.
            flushSync(() => setCreating(false));
            newPollButton.current?.focus();
          }}
        />
      )}
      {polls.length === 0 ? (
        <p className="polls__empty">{live?.synced ? t('polls.empty') : t('polls.loading')}</p>
      ) : (
        <ul className="poll-list" aria-label={t('polls.listLabel')}>
          {polls.map((poll) => (
            <li key={poll.id}>
              {/* One poll that fails leaves the others (and their ballots) working. */}
              <ErrorBoundary name={`poll:${poll.id}`}>
                <PollCard poll={poll} onDeleted={() => setSaid(t('polls.controls.deleted'))} />
              </ErrorBoundary>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

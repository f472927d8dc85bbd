/**
 * The Polls tab: every poll of the meeting, live from its live document (open polls move as the
 * ballots arrive), the ballot for each open poll one may vote in, and for the chair and the
 * secretariat the form to create polls and the controls to run them.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { OneStatus, useOneStatus } from '../ui/oneStatus.tsx';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { NewPollForm } from './NewPollForm.tsx';
import { PollCard } from './PollCard.tsx';
import { canManagePolls } from './pollPolicy.ts';
import { usePolls } from './usePolls.ts';
import './polls.css';

export function PollsTab() {
  // One status line for the tab: the poll created, then opened in its card, says only the latter.
  return (
    <OneStatus>
      <PollsList />
    </OneStatus>
  );
}

function PollsList() {
  const { t } = useTranslation();
  const { meeting, user, live } = useMeetingContext();
  const polls = usePolls();
  // Created, the focus goes to the new poll's heading once its card (which comes through the live
  // document, maybe after the reply) is on the page; cancelled, back to "New poll".
  const form = useInlineForm();
  // What was done to the list (a poll created, a draft deleted), said politely; it outlives the card,
  // and gives way to what a card says next (the poll opened), as that to what is done next here.
  const [said, setSaid] = useOneStatus();
  const [search] = useSearchParams();
  const wanted = search.get('poll');
  const focused = useRef<string | null>(null);
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
        {canManagePolls(user, meeting) && !form.open && (
          <button ref={form.opener} type="button" className="button button--primary" onClick={form.show}>
            {t('polls.newPoll')}
          </button>
        )}
      </div>
      <p className="polls__intro">{t('polls.intro')}</p>
      <p className="polls__created" role="status">
        {said?.text}
      </p>
      {form.open && (
        <NewPollForm
          onCreated={(poll) => {
            setSaid({ text: t('polls.form.created', { question: poll.question }), error: false });
            form.close(`poll-${poll.id}-question`);
          }}
          onCancel={() => form.close()}
          onKeyDown={form.onKeyDown}
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
                <PollCard poll={poll} onDeleted={() => setSaid({ text: t('polls.controls.deleted'), error: false })} />
              </ErrorBoundary>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

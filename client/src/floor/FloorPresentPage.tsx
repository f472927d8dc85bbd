/**
 * The projector view of the floor: the current item, who speaks with a large countdown, who
 * is next, and the top questions. It follows the live document.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { byVotes, LIVE_QUESTIONS_MAP } from '../../../shared/constants/floor.ts';
import { isolate } from '../../../shared/i18n/format.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { useBareShell } from '../app/bareShell.ts';
import { MeetingRoute, useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { Countdown } from './Countdown.tsx';
import { useFloor, useServerOffset } from './floorApi.ts';
import { useLiveAgendaItems } from './liveAgendaItems.ts';
import './floor.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

const TOP_QUESTIONS = 5;

export function FloorPresentPage() {
  const { t } = useTranslation();
  return (
    <MeetingRoute loading={t('floor.present.loading')}>
      <PresentFloor />
    </MeetingRoute>
  );
}

function PresentFloor() {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const floor = useFloor();
  const offset = useServerOffset();
  const items = useLiveAgendaItems();
  const item = floor.currentItemId ? items.find((entry) => entry.id === floor.currentItemId) : undefined;
  // Projected to the room: the meeting and its floor, not the chair's own header.
  useBareShell();
  // The projector's tab: the floor of this meeting, said with the title pattern of every page.
  usePageTitle(t('app.pageTitle', { page: t('floor.tab'), app: meeting.title }));
  const questions = Object.values(useLiveMap(LIVE_QUESTIONS_MAP))
    .filter((question) => question.status === 'visible' && question.itemId === floor.currentItemId)
    .sort(byVotes)
    .slice(0, TOP_QUESTIONS);
  const next = floor.item.queue[0];
  return (
    <article className="floor-present" aria-labelledby="floor-present-item">
      <div className="floor-present__bar">
        <span dir="auto">{meeting.title}</span>
        <Link className="button" to={`/meetings/${encodeURIComponent(meeting.id)}?tab=floor`}>
          {t('floor.present.back')}
        </Link>
      </div>
      <h1 id="floor-present-item" className="floor-present__title">
        {item ? numberedTitle(item, t) : t('floor.present.noItem')}
      </h1>
      <div className="floor-present__body">
        <section aria-labelledby="floor-present-speaker">
          <h2 id="floor-present-speaker">{t('floor.speakingNow')}</h2>
          {floor.speaking ? (
            <>
              <p className="floor-present__name" data-testid="floor-speaker">
                <bdi>{floor.speaking.name}</bdi> <span className="floor-hand__meta">{t(`groups.${floor.speaking.group}`)}</span>
              </p>
              <Countdown speaking={floor.speaking} offset={offset} size="large" />
            </>
          ) : (
            <p>{t('floor.nobodySpeaking')}</p>
          )}
          {next && <p className="floor-present__next">{t('floor.present.next', { name: isolate(next.name) })}</p>}
        </section>
        <section aria-labelledby="floor-present-questions">
          <h2 id="floor-present-questions">{t('floor.present.topQuestions')}</h2>
          {questions.length === 0 ? (
            <p>{t('floor.questions.none')}</p>
          ) : (
            <ol className="floor-question-list">
              {questions.map((question) => (
                <li key={question.id} className="floor-question">
                  <p className="floor-question__text" dir="auto">
                    {question.text}
                  </p>
                  <p className="floor-hand__meta">{t('floor.questions.votes', { count: question.votes })}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </article>
  );
}

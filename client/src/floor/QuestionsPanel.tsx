/**
 * Audience Q&A on the current item: ask (optionally without one's name shown to others), upvote
 * once, see questions ordered by votes as they change; the chair and secretariat approve, mark
 * answered and hide with a reason. Approved questions come from the live document; one's own
 * votes, one's own waiting questions and (for moderators) the waiting ones come over HTTP.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byVotes, FLOOR_LIMITS, LIVE_QUESTIONS_MAP } from '../../../shared/constants/floor.ts';
import type { Question } from '../../../shared/schemas/floor.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import type { AgendaItemView } from '../agenda/agendaItemsModel.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { del, get, post, put } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field } from '../ui/Field.tsx';
import { focusById } from '../ui/focus.ts';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { questionsPath, useFloor } from './floorApi.ts';
import { canAskQuestions, canModerateQuestions, canReviewQuestions } from './floorPolicy.ts';
import { LeftBehindQuestion } from './LeftBehindQuestion.tsx';
import { QuestionModerationLog } from './QuestionModerationLog.tsx';

const ASK_FIELDS = ['text'] as const;
const HIDE_FIELDS = ['reason'] as const;

export function QuestionsPanel({ items }: { items: AgendaItemView[] }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const floor = useFloor();
  const live = useLiveMap(LIVE_QUESTIONS_MAP);
  const moderator = canReviewQuestions(user);
  // Seeing every waiting question and who asked stays with the role; acting on them, while the meeting takes changes.
  const asking = canAskQuestions(user, meeting);
  const moderating = canModerateQuestions(user, meeting);
  const [personal, setPersonal] = useState<Question[]>([]);
  const [voted, setVoted] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [hiding, setHiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // "Hide" gives way to the form asking why: its field takes the focus, and "Cancel" gives it back to "Hide".
  const reasonField = useRef<HTMLInputElement>(null);
  const wasHiding = useRef<string | null>(null);
  useEffect(() => {
    if (hiding) reasonField.current?.focus();
    else if (wasHiding.current) focusById(`hide-${wasHiding.current}`);
    wasHiding.current = hiding;
  }, [hiding]);
  const { busy, message, run, clear } = useCommand((why) => t('floor.questions.failed', { message: why }));
  const askErrors = useFieldErrors(ASK_FIELDS);
  const hideErrors = useFieldErrors(HIDE_FIELDS);
  const clearAsk = askErrors.clear;
  const clearHide = hideErrors.clear;
  // Another item, or the floor given to someone: what was said before (asked, "Write your
  // question first.") is about a moment that has passed, and would read as if about this one.
  const speakingHand = floor.speaking?.handId;
  useEffect(() => {
    clear();
    clearAsk();
    clearHide();
  }, [floor.currentItemId, speakingHand, clear, clearAsk, clearHide]);

  const refresh = useCallback(async () => {
    const list = await get<Question[]>(questionsPath(meeting.id));
    setPersonal(list);
    setVoted(new Set(list.filter((question) => question.voted).map((question) => question.id)));
  }, [meeting.id]);
  // The live document is shared with everyone, so an anonymous question arrives there without its
  // author; a moderator, who may see who asked, fetches the list again when a question comes or goes.
  const liveIds = moderator ? Object.keys(live).sort().join(' ') : '';
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh, moderator ? floor.meta.pendingQuestions : 0, liveIds]);

  const all = useMemo(() => {
    const merged = new Map<string, Question>();
    // What only this person may see (their waiting questions; every waiting or hidden one for moderators)...
    // A moderator's list is fetched again whenever the live one gains or loses a question, so it holds
    // the approved ones too: a question just approved stays in place until the live document brings
    // it, rather than leaving the list for a moment and taking the focus of the one who approved it.
    for (const question of personal)
      if (moderator || question.status === 'pending' || question.status === 'hidden') merged.set(question.id, question);
    // ...and what everyone sees, as the live document has it now (votes move there).
    for (const question of Object.values(live)) {
      const own = personal.find((entry) => entry.id === question.id);
      merged.set(question.id, { ...question, ...(own?.authorName ? { authorName: own.authorName } : {}), mine: own?.mine });
    }
    return [...merged.values()].filter((question) => question.status !== 'hidden').sort(byVotes);
  }, [live, personal, moderator]);
  const shown = useMemo(() => all.filter((question) => question.itemId === floor.currentItemId), [all, floor.currentItemId]);
  // Questions stay with the item they were asked on: once the chair moves on they are listed here,
  // by item (moderators approve and hide them there), rather than seeming lost. Each item is named
  // as the agenda has it now (`items`, its live document): a list fetched once kept an item's old
  // title after a rename.
  const others = useMemo(() => all.filter((question) => question.itemId !== floor.currentItemId), [all, floor.currentItemId]);
  const otherItems = [...new Set(others.map((question) => question.itemId))];

  const act = (question: Question, action: 'approve' | 'answered') =>
    run(
      async () => {
        await post(`/api/questions/${encodeURIComponent(question.id)}/${action}`);
        await refresh();
        // The button pressed goes with the question's old status: the focus goes to the question.
        focusById(`question-${question.id}`);
      },
      t(`floor.questions.${action}Done`),
    );

  // The moderation controls of a question, the same on the current item's list and under
  // *Questions on other items* (a waiting question stays with its item when the chair moves on).
  const approveButton = (question: Question) =>
    moderating &&
    question.status === 'pending' && (
      <BusyButton type="button" className="button button--primary" busy={busy} onClick={() => void act(question, 'approve')}>
        {t('floor.questions.approve')}
        <span className="sr-only"> {question.text}</span>
      </BusyButton>
    );
  const hideButton = (question: Question) =>
    moderating &&
    hiding !== question.id && (
      <BusyButton
        id={`hide-${question.id}`}
        type="button"
        className="button button--quiet"
        busy={busy}
        onClick={() => {
          hideErrors.clear();
          setHiding(question.id);
        }}
      >
        {t('floor.questions.hide')}
        <span className="sr-only"> {question.text}</span>
      </BusyButton>
    );
  const hideForm = (question: Question) =>
    moderating &&
    hiding === question.id && (
      <form
        className="floor-chair__row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!hideErrors.check({ reason: !hasVisibleText(reason) && t('floor.errors.reason') })) return;
          void run(
            async () => {
              await post(`/api/questions/${encodeURIComponent(question.id)}/hide`, { reason: reason.trim() });
              setHiding(null);
              setReason('');
              await refresh();
              // The question leaves the list: the focus goes to the list's heading.
              focusById('questions-title');
            },
            t('floor.questions.hidden'),
            (error) => hideErrors.fail(error, { reason: t('floor.errors.reason') }),
          );
        }}
        noValidate
      >
        <Field
          label={t('floor.questions.reason')}
          {...hideErrors.field('reason')}
          limit={{ length: reason.length, max: FLOOR_LIMITS.reason }}
        >
          {(control) => (
            <input
              {...control}
              ref={reasonField}
              value={reason}
              maxLength={FLOOR_LIMITS.reason}
              required
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <BusyButton type="submit" className="button" busy={busy}>
          {t('floor.questions.confirmHide')}
        </BusyButton>
        <button type="button" className="button button--quiet" onClick={() => setHiding(null)}>
          {t('floor.questions.cancel')}
        </button>
      </form>
    );

  return (
    <section className="panel floor-questions" aria-labelledby="questions-title">
      <h2 id="questions-title" className="panel__title" tabIndex={-1}>
        {t('floor.questions.title')}
      </h2>
      {asking && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            const asked = text.trim();
            if (!askErrors.check({ text: !hasVisibleText(asked) && t('floor.errors.question') })) return;
            void run(
              async () => {
                await post(questionsPath(meeting.id), {
                  text: asked,
                  anonymous,
                  ...(floor.currentItemId ? { itemId: floor.currentItemId } : {}),
                });
                setText('');
                await refresh();
              },
              floor.meta.questionsNeedApproval ? t('floor.questions.askedPending') : t('floor.questions.asked'),
              (error) => askErrors.fail(error, { text: t('floor.errors.question') }),
            );
          }}
          noValidate
        >
          <Field
            label={t('floor.questions.ask')}
            hint={floor.meta.questionsNeedApproval ? t('floor.questions.needApproval') : undefined}
            {...askErrors.field('text')}
            limit={{ length: text.length, max: FLOOR_LIMITS.question }}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={FLOOR_LIMITS.question}
                value={text}
                onChange={(event) => {
                  setText(event.target.value);
                  // Typing answers "Write your question first.": the hint goes once there is a question.
                  if (askErrors.field('text').error && event.target.value.trim()) askErrors.clear();
                }}
                required
              />
            )}
          </Field>
          <CheckboxField label={t('floor.questions.anonymous')} checked={anonymous} onChange={setAnonymous} />
          <BusyButton type="submit" className="button button--primary" busy={busy}>
            {t('floor.questions.submit')}
          </BusyButton>
        </form>
      )}
      {moderating && (
        <CheckboxField
          className="floor-questions__approval"
          label={t('floor.questions.requireApproval')}
          checked={floor.meta.questionsNeedApproval}
          onChange={(checked) =>
            void run(
              () => put(`${questionsPath(meeting.id)}/settings`, { requireApproval: checked }),
              t('floor.questions.settingsSaved'),
            )
          }
        />
      )}
      <p role="status" className="floor-status">
        {message && !message.error ? message.text : ''}
      </p>
      <ErrorAlert message={message?.error ? message.text : null} />
      {shown.length === 0 ? (
        <p>{t('floor.questions.none')}</p>
      ) : (
        <ol className="floor-question-list" aria-label={t('floor.questions.listLabel')} data-testid="questions">
          {shown.map((question) => {
            const hasVoted = voted.has(question.id);
            return (
              <li
                key={question.id}
                id={`question-${question.id}`}
                className={`floor-question floor-question--${question.status}`}
                tabIndex={-1}
              >
                <p className="floor-question__text" dir="auto">
                  {question.text}
                </p>
                <p className="floor-hand__meta">
                  {question.authorName ? <bdi>{question.authorName}</bdi> : t('floor.questions.anonymousAuthor')}
                  {question.anonymous && question.authorName ? ` (${t('floor.questions.anonymousToOthers')})` : ''}
                  {' · '}
                  <span data-testid="question-votes">{t('floor.questions.votes', { count: question.votes })}</span>
                  {question.status !== 'visible' && (
                    <strong className="floor-badge">{t(`floor.questions.status.${question.status}`)}</strong>
                  )}
                </p>
                <span className="floor-hand__actions">
                  {asking && question.status === 'visible' && (
                    <BusyButton
                      type="button"
                      className="button"
                      aria-pressed={hasVoted}
                      busy={busy}
                      onClick={() =>
                        void run(
                          async () => {
                            const path = `/api/questions/${encodeURIComponent(question.id)}/vote`;
                            await (hasVoted ? del(path) : put(path));
                            setVoted((before) => {
                              const after = new Set(before);
                              if (hasVoted) after.delete(question.id);
                              else after.add(question.id);
                              return after;
                            });
                          },
                          hasVoted ? t('floor.questions.unvoted') : t('floor.questions.voted'),
                        )
                      }
                    >
                      {t('floor.questions.upvote')}
                      <span className="sr-only"> {question.text}</span>
                    </BusyButton>
                  )}
                  {approveButton(question)}
                  {moderating && question.status === 'visible' && (
                    <BusyButton type="button" className="button" busy={busy} onClick={() => void act(question, 'answered')}>
                      {t('floor.questions.markAnswered')}
                      <span className="sr-only"> {question.text}</span>
                    </BusyButton>
                  )}
                  {hideButton(question)}
                </span>
                {hideForm(question)}
              </li>
            );
          })}
        </ol>
      )}
      {others.length > 0 && (
        <details className="floor-questions__others" data-testid="questions-other-items">
          <summary>{t('floor.questions.otherItems', { count: others.length })}</summary>
          <p>{t('floor.questions.otherItemsHint')}</p>
          {otherItems.map((itemId) => {
            const item = items.find((entry) => entry.id === itemId);
            return (
              <section key={itemId || 'none'}>
                {item && <h3>{t('floor.questions.itemHeading', { item: numberedTitle(item, t) })}</h3>}
                <ul>
                  {others
                    .filter((question) => question.itemId === itemId)
                    .map((question) => (
                      <LeftBehindQuestion key={question.id} question={question}>
                        {(approveButton(question) || hideButton(question)) && (
                          <span className="floor-hand__actions">
                            {approveButton(question)}
                            {hideButton(question)}
                          </span>
                        )}
                        {hideForm(question)}
                      </LeftBehindQuestion>
                    ))}
                </ul>
              </section>
            );
          })}
        </details>
      )}
      {moderator && <QuestionModerationLog meetingId={meeting.id} version={personal} />}
    </section>
  );
}

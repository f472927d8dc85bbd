/**
 * Audience Q&A on the current item: ask (optionally without one's name shown to others), upvote
 * once, see questions ordered by votes as they change; the chair and secretariat approve, mark
 * answered and hide with a reason. Approved questions come from the live document; one's own
 * votes, one's own waiting questions and (for moderators) the waiting ones come over HTTP.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byVotes, FLOOR_LIMITS, LIVE_QUESTIONS_MAP } from '../../../shared/constants/floor.ts';
import { isModerator } from '../../../shared/roles.ts';
import type { Question } from '../../../shared/schemas/floor.ts';
import { del, get, post, put } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field } from '../ui/Field.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { questionsPath, useFloor } from './floorApi.ts';

const ASK_FIELDS = ['text'] as const;
const HIDE_FIELDS = ['reason'] as const;

export function QuestionsPanel() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const floor = useFloor();
  const live = useLiveMap(LIVE_QUESTIONS_MAP);
  const moderator = isModerator(user.role);
  const [personal, setPersonal] = useState<Question[]>([]);
  const [voted, setVoted] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [hiding, setHiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, message, run } = useCommand((why) => t('floor.questions.failed', { message: why }));
  const askErrors = useFieldErrors(ASK_FIELDS);
  const hideErrors = useFieldErrors(HIDE_FIELDS);

  const refresh = useCallback(async () => {
    const list = await get<Question[]>(questionsPath(meeting.id));
    setPersonal(list);
    setVoted(new Set(list.filter((question) => question.voted).map((question) => question.id)));
  }, [meeting.id]);
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh, moderator ? floor.meta.pendingQuestions : 0]);

  const shown = useMemo(() => {
    const merged = new Map<string, Question>();
    // What only this person may see (their waiting questions; every waiting or hidden one for moderators)...
    for (const question of personal)
      if (question.status === 'pending' || question.status === 'hidden') merged.set(question.id, question);
    // ...and what everyone sees, as the live document has it now (votes move there).
    for (const question of Object.values(live)) {
      const own = personal.find((entry) => entry.id === question.id);
      merged.set(question.id, { ...question, ...(own?.authorName ? { authorName: own.authorName } : {}), mine: own?.mine });
    }
    const itemId = floor.currentItemId;
    return [...merged.values()].filter((question) => question.itemId === itemId && question.status !== 'hidden').sort(byVotes);
  }, [live, personal, floor.currentItemId]);

  const act = (question: Question, action: 'approve' | 'answered') =>
    run(
      async () => {
        await post(`/api/questions/${encodeURIComponent(question.id)}/${action}`);
        await refresh();
      },
      t(`floor.questions.${action}Done`),
    );

  return (
    <section className="panel floor-questions" aria-labelledby="questions-title">
      <h2 id="questions-title" className="panel__title">
        {t('floor.questions.title')}
      </h2>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const asked = text.trim();
          if (!askErrors.check({ text: !asked && t('floor.errors.question') })) return;
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
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={FLOOR_LIMITS.question}
              value={text}
              onChange={(event) => setText(event.target.value)}
              required
            />
          )}
        </Field>
        <CheckboxField label={t('floor.questions.anonymous')} checked={anonymous} onChange={setAnonymous} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('floor.questions.submit')}
        </button>
      </form>
      {moderator && (
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
              <li key={question.id} className={`floor-question floor-question--${question.status}`}>
                <p className="floor-question__text">{question.text}</p>
                <p className="floor-hand__meta">
                  {question.authorName ?? t('floor.questions.anonymousAuthor')}
                  {question.anonymous && question.authorName ? ` (${t('floor.questions.anonymousToOthers')})` : ''}
                  {' · '}
                  <span data-testid="question-votes">{t('floor.questions.votes', { count: question.votes })}</span>
                  {question.status !== 'visible' && (
                    <strong className="floor-badge">{t(`floor.questions.status.${question.status}`)}</strong>
                  )}
                </p>
                <span className="floor-hand__actions">
                  {question.status === 'visible' && (
                    <button
                      type="button"
                      className="button"
                      aria-pressed={hasVoted}
                      disabled={busy}
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
                    </button>
                  )}
                  {moderator && question.status === 'pending' && (
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={busy}
                      onClick={() => void act(question, 'approve')}
                    >
                      {t('floor.questions.approve')}
                      <span className="sr-only"> {question.text}</span>
                    </button>
                  )}
                  {moderator && question.status === 'visible' && (
                    <button type="button" className="button" disabled={busy} onClick={() => void act(question, 'answered')}>
                      {t('floor.questions.markAnswered')}
                      <span className="sr-only"> {question.text}</span>
                    </button>
                  )}
                  {moderator && hiding !== question.id && (
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busy}
                      onClick={() => {
                        hideErrors.clear();
                        setHiding(question.id);
                      }}
                    >
                      {t('floor.questions.hide')}
                      <span className="sr-only"> {question.text}</span>
                    </button>
                  )}
                </span>
                {moderator && hiding === question.id && (
                  <form
                    className="floor-chair__row"
                    onSubmit={(event) => {
                      event.preventDefault();
                      if (!hideErrors.check({ reason: !reason.trim() && t('floor.errors.reason') })) return;
                      void run(
                        async () => {
                          await post(`/api/questions/${encodeURIComponent(question.id)}/hide`, { reason: reason.trim() });
                          setHiding(null);
                          setReason('');
                          await refresh();
                        },
                        t('floor.questions.hidden'),
                        (error) => hideErrors.fail(error, { reason: t('floor.errors.reason') }),
                      );
                    }}
                    noValidate
                  >
                    <Field label={t('floor.questions.reason')} {...hideErrors.field('reason')}>
                      {(control) => (
                        <input
                          {...control}
                          value={reason}
                          maxLength={FLOOR_LIMITS.reason}
                          required
                          onChange={(event) => setReason(event.target.value)}
                        />
                      )}
                    </Field>
                    <button type="submit" className="button" disabled={busy}>
                      {t('floor.questions.confirmHide')}
                    </button>
                    <button type="button" className="button button--quiet" onClick={() => setHiding(null)}>
                      {t('floor.questions.cancel')}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

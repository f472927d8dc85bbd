/**
 * A question on an item the chair has left, under *Questions on other items*. Its moderation
 * controls (Approve, Hide) are the panel's own, handed in: a question waiting for approval stays
 * with its item, and the chair approves or hides it from here without going back to the item.
 */
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../shared/schemas/floor.ts';
import { useFocusWhenGone } from '../ui/focus.ts';

export function LeftBehindQuestion({ question, children }: { question: Question; children?: ReactNode }) {
  const { t } = useTranslation();
  const row = useRef<HTMLLIElement>(null);
  // Hidden (here or by another moderator), or back on the current item's list once the chair returns
  // to it: the focus goes to the question in its place, else to the panel's heading, not the page.
  useFocusWhenGone(
    row,
    'questions-title',
    (gone) => (gone.nextElementSibling ?? gone.previousElementSibling) as HTMLElement | null,
  );
  return (
    <li ref={row} id={`question-${question.id}`} tabIndex={-1}>
      <bdi>{question.text}</bdi>{' '}
      <span className="floor-hand__meta">
        {t('floor.questions.votes', { count: question.votes })}
        {question.status !== 'visible' && ` · ${t(`floor.questions.status.${question.status}`)}`}
      </span>
      {children}
    </li>
  );
}

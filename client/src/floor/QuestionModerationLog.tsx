/**
 * The questions' moderation log, for the chair and secretariat: every hidden question, whose it
 * was, who hid it, why and when, newest first. The panel passes `version`, which changes whenever
 * it fetches the questions again (after a hide, or when the live list moves), so the log follows.
 */

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { QuestionModeration } from '../../../shared/schemas/floor.ts';
import { get } from '../app/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { questionsPath } from './floorApi.ts';

export function QuestionModerationLog({ meetingId, version }: { meetingId: string; version: unknown }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<QuestionModeration[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    get<QuestionModeration[]>(`${questionsPath(meetingId)}/moderation-log`).then(
      (log) => {
        if (!current) return;
        setEntries(log);
        setError(null);
      },
      (caught: Error) => current && setError(caught.message),
    );
    return () => {
      current = false;
    };
  }, [meetingId, version]);

  return (
    <details
      className="floor-moderation-log"
      data-testid="questions-moderation-log"
      aria-busy={entries === null && error === null}
    >
      {/* No count until the log has answered: "0 hidden questions" beside a hidden one misled. */}
      <summary>
        {entries
          ? t('floor.questions.moderationLog', { count: entries.length })
          : t(error ? 'floor.questions.moderationLogTitle' : 'floor.questions.moderationLogLoading')}
      </summary>
      <ErrorAlert message={error} />
      {entries && entries.length === 0 && <p>{t('floor.questions.moderationEmpty')}</p>}
      {entries && entries.length > 0 && (
        <ul className="floor-moderation-log__list">
          {entries.map((entry) => (
            <li key={`${entry.questionId}-${entry.at}`}>
              {t('floor.questions.moderationEntry', {
                by: entry.byName,
                author: entry.authorName,
                text: entry.text,
                reason: entry.reason,
              })}{' '}
              <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(i18n.language, entry.at)}</time>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

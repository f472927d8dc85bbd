/**
 * The meeting's moderation log, open to everyone signed in: every hidden comment, whose it was,
 * who hid it, why and when. It is fetched once at load, and again when a comment is hidden
 * anywhere in the meeting afterwards (not when the live threads first arrive: useLiveChanges).
 */

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { ModerationEntry } from '../../../shared/schemas/comments.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveChanges } from '../meetings/useLiveChanges.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { commentsApi } from './commentsApi.ts';

export function ModerationLog() {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  const threads = useLiveMap('threads');
  const proposals = useLiveMap('proposals');
  const hiddenCount = Object.values(threads).reduce((sum, thread) => sum + thread.comments.filter((c) => c.hidden).length, 0);
  const hides = useLiveChanges(hiddenCount);
  const [entries, setEntries] = useState<ModerationEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    commentsApi.moderationLog(meeting.id).then(
      (log) => {
        if (!live) return;
        setEntries(log);
        setError(null);
      },
      (caught: Error) => live && setError(caught.message),
    );
    return () => {
      live = false;
    };
  }, [meeting.id, hides]);

  const where = (doc: string) => {
    const ref = parseDocumentName(doc);
    if (ref?.kind === 'agenda') return t('comments.onAgenda');
    const title = ref ? proposals[ref.id]?.title : undefined;
    return title ? t('comments.onProposal', { title }) : t('comments.onAProposal');
  };

  return (
    <details className="moderation-log" aria-busy={entries === null && error === null}>
      {/* No count until the log has answered: "0 hidden comments" under a hidden comment misled. */}
      <summary>
        {entries
          ? t('comments.moderationLog', { count: entries.length })
          : t(error ? 'comments.moderationLogTitle' : 'comments.moderationLogLoading')}
      </summary>
      <ErrorAlert message={error} />
      {entries && entries.length === 0 && <p>{t('comments.moderationEmpty')}</p>}
      {entries && entries.length > 0 && (
        <ul className="moderation-log__list">
          {entries.map((entry) => (
            <li key={entry.commentId}>
              {t('comments.moderationEntry', {
                by: entry.byName,
                author: entry.authorName,
                where: where(entry.doc),
                reason: entry.reason || t('comments.noReason'),
              })}{' '}
              <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(i18n.language, entry.at)}</time>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

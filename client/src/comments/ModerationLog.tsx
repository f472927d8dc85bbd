/**
 * The meeting's moderation log, open to everyone signed in: every hidden comment, whose it was,
 * who hid it, why and when. It is fetched once at load, and again when a comment is hidden
 * anywhere in the meeting afterwards: when the live threads hold a hidden comment the log does not
 * list. Counting the live document's changes instead asked twice at load whenever the hide of a
 * comment reached the live document (its projection is throttled) after the log had answered.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { ModerationEntry } from '../../../shared/schemas/comments.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { commentsApi } from './commentsApi.ts';

export function ModerationLog() {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  const threads = useLiveMap('threads');
  const proposals = useLiveMap('proposals');
  const [entries, setEntries] = useState<ModerationEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asks, setAsks] = useState(0);
  const askedFor = useRef('');
  // The hidden comments the live threads know of and the log that answered does not list.
  const listed = new Set(entries?.map((entry) => entry.commentId));
  const unlisted = Object.values(threads)
    .flatMap((thread) => thread.comments.filter((comment) => comment.hidden && !listed.has(comment.id)).map((c) => c.id))
    .sort()
    .join(' ');

  useEffect(() => {
    // Once per set of unlisted comments: a log that never lists one (it cannot, today) is not asked for in a loop.
    if (entries === null || unlisted === '' || unlisted === askedFor.current) return;
    askedFor.current = unlisted;
    setAsks((count) => count + 1);
  }, [entries, unlisted]);

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
  }, [meeting.id, asks]);

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

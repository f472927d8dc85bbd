/**
 * How an upload goes, wherever files are added (a Documents panel, an item of the day view): a
 * progress bar in a `role="status"` region, so screen readers hear it, then "added" or the error;
 * "removed" once that document is removed, from here or by someone else (it said "added" still).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_ATTACHMENTS_MAP } from '../../../shared/constants/attachments.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { UploadProgress } from './UploadProgress.tsx';
import type { UploadOutcome, UploadState } from './useUpload.ts';

export function UploadStatus({
  current,
  done,
  error,
}: {
  current: UploadState | null;
  done: UploadOutcome | null;
  error: string | null;
}) {
  const { t } = useTranslation();
  const listed = useLiveMap(LIVE_ATTACHMENTS_MAP);
  const present = done ? Boolean(listed[done.id]) : false;
  // The added document once seen in the live list: gone from it later means it was removed (the
  // upload's answer may come before the list has it, which is not a removal).
  const [seen, setSeen] = useState<string | null>(null);
  useEffect(() => {
    if (done && present) setSeen(done.id);
  }, [done, present]);
  const removed = done && (done.removed || (seen === done.id && !present));
  return (
    <>
      <div role="status" className="attachments__status">
        {current ? (
          <UploadProgress current={current} />
        ) : done ? (
          t(removed ? 'attachments.removed' : 'attachments.uploaded', { name: done.name })
        ) : null}
      </div>
      <ErrorAlert message={error && t('attachments.failed', { message: error })} />
    </>
  );
}

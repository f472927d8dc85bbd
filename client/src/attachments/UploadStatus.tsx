/**
 * How an upload goes, wherever files are added (a Documents panel, an item of the day view): a
 * progress bar in a `role="status"` region, so screen readers hear it, then what was added (one
 * line for all the files chosen together) and each refused file in an alert; "removed" once a
 * single added document is removed, from here or by someone else (it said "added" still).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_ATTACHMENTS_MAP } from '../../../shared/constants/attachments.ts';
import { formatList, isolate } from '../../../shared/i18n/format.ts';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { UploadFailures } from './UploadFailures.tsx';
import { UploadProgress } from './UploadProgress.tsx';
import type { UploadOutcome, UploadState } from './useUpload.ts';

export function UploadStatus({
  current,
  done,
  errors,
}: {
  current: UploadState | null;
  done: UploadOutcome[];
  errors: string[];
}) {
  const { t, i18n } = useTranslation();
  const listed = useLiveMap(LIVE_ATTACHMENTS_MAP);
  // Only a single document's line turns into "removed": a line for several keeps saying what the
  // upload did, and each row shows whether its document is still there.
  const only = done.length === 1 ? done[0]! : null;
  const present = only ? Boolean(listed[only.id]) : false;
  // The added document once seen in the live list: gone from it later means it was removed (the
  // upload's answer may come before the list has it, which is not a removal).
  const [seen, setSeen] = useState<string | null>(null);
  useEffect(() => {
    if (only && present) setSeen(only.id);
  }, [only, present]);
  const removed = only && (only.removed || (seen === only.id && !present));
  return (
    <>
      <div role="status" className="attachments__status">
        {current ? (
          <UploadProgress current={current} />
        ) : only ? (
          t(removed ? 'attachments.removed' : 'attachments.uploaded', { name: only.name })
        ) : done.length > 1 ? (
          t('attachments.uploadedMany', {
            count: done.length,
            // Each name isolated: names of either direction in one sentence keep their own order.
            names: formatList(
              i18n.language,
              done.map((outcome) => isolate(outcome.name)),
            ),
          })
        ) : null}
      </div>
      <ErrorAlert message={errors.length > 0 && <UploadFailures errors={errors} />} />
    </>
  );
}

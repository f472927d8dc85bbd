/**
 * How an upload goes, wherever files are added (a Documents panel, an item of the day view): a
 * progress bar in a `role="status"` region, so screen readers hear it, then "added" or the error.
 */
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import type { UploadState } from './useUpload.ts';

export function UploadStatus({
  current,
  done,
  error,
}: {
  current: UploadState | null;
  done: string | null;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status" className="attachments__status">
        {current ? (
          <label className="attachments__progress">
            {t('attachments.uploading', { name: current.name, percent: Math.round(current.fraction * 100) })}
            <progress value={current.fraction} max={1} />
          </label>
        ) : done ? (
          t('attachments.uploaded', { name: done })
        ) : null}
      </div>
      <ErrorAlert message={error && t('attachments.failed', { message: error })} />
    </>
  );
}

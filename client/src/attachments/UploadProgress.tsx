/**
 * An upload under way: "Uploading name… 40 %" with its progress bar, inside the status region of
 * whatever started it (a Documents panel, an item of the day view, an attachment's new version),
 * so that every upload is shown and read out the same way.
 */
import { useTranslation } from 'react-i18next';
import type { UploadState } from './useUpload.ts';

export function UploadProgress({ current }: { current: UploadState }) {
  const { t } = useTranslation();
  return (
    <label className="attachments__progress">
      {/* Which file of several, so that a long choice is heard going forward, not as one name after another. */}
      {t(current.total > 1 ? 'attachments.uploadingOf' : 'attachments.uploading', {
        name: current.name,
        percent: Math.round(current.fraction * 100),
        position: current.position,
        total: current.total,
      })}
      <progress value={current.fraction} max={1} />
    </label>
  );
}

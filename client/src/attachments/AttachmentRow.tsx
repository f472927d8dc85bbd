/** One attachment: download, preview, versions, new version, remove (after confirming). */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../../shared/i18n/format.ts';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';
import { formatSize, removeAttachment, versionPath } from './attachmentsApi.ts';
import { UploadFailures } from './UploadFailures.tsx';
import { UploadProgress } from './UploadProgress.tsx';
import { useUpload } from './useUpload.ts';

export function AttachmentRow({
  attachment,
  canReplace,
  canRemove,
  headingId,
  onRemoved,
}: {
  attachment: AttachmentDto;
  canReplace: boolean;
  canRemove: boolean;
  /** The list's heading, which takes the focus when the row goes with it (the document was removed). */
  headingId: string;
  /** Told once the removal is done, so the panel's status line can say so. */
  onRemoved?: (attachment: AttachmentDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const [previewing, setPreviewing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const { current, done, errors: uploadErrors, send } = useUpload();
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    attachment.uploadedAt,
  );
  const inline = `${attachment.url}?inline=1`;
  const row = useRef<HTMLLIElement>(null);
  useFocusWhenGone(row, headingId);
  return (
    <li ref={row} className="card attachment" id={`attachment-${attachment.id}`}>
      <p className="attachment__name">
        <a href={attachment.url} download={attachment.name} dir="auto">
          {attachment.name}
        </a>
      </p>
      <p className="attachment__meta">
        {t('attachments.meta', {
          size: formatSize(attachment.size, i18n.language),
          name: attachment.uploadedBy.name,
          date,
          version: attachment.version,
        })}
      </p>
      <div className="attachment__actions">
        {attachment.preview && (
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={previewing}
            onClick={() => setPreviewing(!previewing)}
          >
            {previewing ? t('attachments.hidePreview') : t('attachments.preview')}
          </button>
        )}
        {canReplace && (
          <label className="button button--quiet attachments__choose">
            {t('attachments.newVersion')}
            <input
              type="file"
              className="sr-only"
              aria-label={t('attachments.newVersionOf', { name: attachment.name })}
              onChange={(event) => {
                const files = event.currentTarget.files;
                if (files?.[0]) void send(versionPath(attachment.id), [files[0]]);
                event.currentTarget.value = '';
              }}
            />
          </label>
        )}
        {canRemove && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setRemoving(true)}
            aria-label={t('attachments.removeNamed', { name: attachment.name })}
          >
            {t('attachments.remove')}
          </button>
        )}
      </div>
      {/* Always on the page, so that what it comes to say is read out: the progress, then the new
          version (only the row's version number changed, and nothing said so). */}
      <div role="status" className="attachment__status">
        {current ? (
          <UploadProgress current={current} />
        ) : done[0] ? (
          t('attachments.versionAdded', { version: done[0].version, name: done[0].name })
        ) : null}
      </div>
      {/* A refusal is said in the dialog, which stays open; the row goes when the removal reaches every screen. */}
      <ConfirmDialog
        open={removing}
        title={t('attachments.removeDialog.title', { name: attachment.name })}
        message={t('attachments.removeDialog.body')}
        confirmLabel={t('attachments.removeDialog.confirm')}
        cancelLabel={t('attachments.removeDialog.cancel')}
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          await removeAttachment(attachment.id);
          onRemoved?.(attachment);
        }}
      />
      <ErrorAlert message={uploadErrors.length > 0 && <UploadFailures errors={uploadErrors} />} />
      {previewing &&
        (attachment.mime === 'application/pdf' ? (
          <iframe className="attachment__preview" src={inline} title={t('attachments.previewOf', { name: attachment.name })} />
        ) : (
          <img className="attachment__preview" src={inline} alt={t('attachments.previewOf', { name: attachment.name })} />
        ))}
      {attachment.versions.length > 1 && (
        <details className="attachment__versions">
          <summary>{t('attachments.versions', { count: attachment.versions.length })}</summary>
          <ul>
            {attachment.versions.map((version) => (
              <li key={version.version}>
                <a href={version.url} download={version.name}>
                  {t('attachments.versionLine', { version: version.version, name: version.name })}
                </a>{' '}
                {t('attachments.versionMeta', {
                  size: formatSize(version.size, i18n.language),
                  name: version.uploadedBy.name,
                  date: new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'medium' }).format(version.uploadedAt),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** One attachment: download, preview, versions, new version, remove (after confirming). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../../shared/i18n/format.ts';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatSize, removeAttachment, versionPath } from './attachmentsApi.ts';
import { useUpload } from './useUpload.ts';

export function AttachmentRow({
  attachment,
  canReplace,
  canRemove,
}: {
  attachment: AttachmentDto;
  canReplace: boolean;
  canRemove: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { current, error: uploadError, send } = useUpload();
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    attachment.uploadedAt,
  );
  const inline = `${attachment.url}?inline=1`;
  const remove = async () => {
    if (!window.confirm(t('attachments.confirmRemove', { name: attachment.name }))) return;
    try {
      await removeAttachment(attachment.id);
    } catch (failure) {
      setError(t('attachments.failed', { message: (failure as Error).message }));
    }
  };
  return (
    <li className="card attachment" id={`attachment-${attachment.id}`}>
      <p className="attachment__name">
        <a href={attachment.url} download={attachment.name}>
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
            onClick={() => void remove()}
            aria-label={t('attachments.removeNamed', { name: attachment.name })}
          >
            {t('attachments.remove')}
          </button>
        )}
      </div>
      {current && (
        <label className="attachments__progress" role="status">
          {t('attachments.uploading', { name: current.name, percent: Math.round(current.fraction * 100) })}
          <progress value={current.fraction} max={1} />
        </label>
      )}
      <ErrorAlert message={error ?? (uploadError && t('attachments.failed', { message: uploadError }))} />
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

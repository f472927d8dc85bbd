/**
 * The attachments of a meeting, an agenda item or a proposal: listed live, added by button or by
 * dropping files on the panel, with a progress bar that is announced; each can be downloaded,
 * previewed (PDF, images), replaced by a new version or removed. On an archived meeting the
 * documents are only listed, downloaded and previewed.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_ATTACHMENTS_MAP } from '../../../shared/constants/attachments.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { AttachmentRow } from './AttachmentRow.tsx';
import { canAddAttachments, canRemoveAttachment } from './attachmentPolicy.ts';
import { type UploadTarget, uploadPath } from './attachmentsApi.ts';
import { UploadStatus } from './UploadStatus.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { useUpload } from './useUpload.ts';
import './attachments.css';

export interface AttachmentsPanelProps {
  target: UploadTarget;
  heading: string;
  /** The heading level that fits where the panel sits. */
  level?: 2 | 3;
  /** The element id (a search result's link lands on it). */
  id?: string;
}

export function AttachmentsPanel({ target, heading, level = 2, id }: AttachmentsPanelProps) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const headingId = useId();
  const all = useLiveMap(LIVE_ATTACHMENTS_MAP);
  const { current, errors, done, send, noteRemoved } = useUpload();
  const canUpload = canAddAttachments(user, meeting);
  const list = Object.values(all)
    .filter((a) => (a.itemId ?? undefined) === target.itemId && (a.proposalId ?? undefined) === target.proposalId)
    .sort((a, b) => a.uploadedAt - b.uploadedAt);
  const upload = (files: File[]) => {
    if (files.length > 0) void send(uploadPath(target), files);
  };
  const drop = useFileDrop(canUpload, upload);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="attachments" id={id} tabIndex={id ? -1 : undefined} aria-labelledby={headingId} {...drop}>
      <Heading id={headingId} className="attachments__heading" tabIndex={-1}>
        {heading}
      </Heading>
      {canUpload && (
        <div className="attachments__drop">
          <p>{t('attachments.dropHint')}</p>
          <label className="button attachments__choose">
            {t('attachments.choose')}
            <input
              type="file"
              multiple
              className="sr-only"
              onChange={(event) => {
                upload([...(event.currentTarget.files ?? [])]);
                event.currentTarget.value = '';
              }}
            />
          </label>
        </div>
      )}
      <UploadStatus current={current} done={done} errors={errors} />
      {list.length === 0 ? (
        <p className="attachments__empty">{t('attachments.none')}</p>
      ) : (
        <ul className="card-list attachments__list">
          {list.map((attachment) => (
            <AttachmentRow
              key={attachment.id}
              attachment={attachment}
              canReplace={canUpload}
              canRemove={canRemoveAttachment(user, meeting, attachment)}
              headingId={headingId}
              onRemoved={noteRemoved}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A list item that takes files dropped on it and attaches them to its target (an agenda item in
 * the day view), with the same upload, progress bar and announcement as a Documents panel. Files
 * chosen with the keyboard go through the Documents tab's button.
 */
import type { ComponentProps } from 'react';
import { type UploadTarget, uploadPath } from './attachmentsApi.ts';
import { UploadStatus } from './UploadStatus.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { useUpload } from './useUpload.ts';
import './attachments.css';

export interface AttachmentDropItemProps extends ComponentProps<'li'> {
  target: UploadTarget;
  /** Whether files may be dropped (the person may add attachments to this meeting). */
  enabled: boolean;
}

export function AttachmentDropItem({ target, enabled, className, children, ...item }: AttachmentDropItemProps) {
  const { current, errors, done, send } = useUpload();
  const drop = useFileDrop(enabled, (files) => void send(uploadPath(target), files));
  return (
    <li {...item} className={className ? `${className} attachments-drop` : 'attachments-drop'} {...drop}>
      {children}
      <UploadStatus current={current} done={done} errors={errors} />
    </li>
  );
}

/** Attachments' HTTP commands. Uploads go through XMLHttpRequest, which reports upload progress. */

import type { ErrorBody } from '../../../shared/errors.ts';
import { formatNumber } from '../../../shared/i18n/format.ts';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { ApiError, del } from '../app/api.ts';

export interface UploadTarget {
  meetingId: string;
  itemId?: string;
  proposalId?: string;
}

export function uploadPath(target: UploadTarget): string {
  const query = new URLSearchParams();
  if (target.itemId) query.set('itemId', target.itemId);
  if (target.proposalId) query.set('proposalId', target.proposalId);
  const suffix = query.size > 0 ? `?${query}` : '';
  return `/api/meetings/${encodeURIComponent(target.meetingId)}/attachments${suffix}`;
}

export const versionPath = (id: string) => `/api/attachments/${encodeURIComponent(id)}/versions`;

/** Sends one file; `onProgress` gets the fraction sent (0–1). */
export function sendFile(path: string, file: File, onProgress: (fraction: number) => void): Promise<AttachmentDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as AttachmentDto);
      else {
        const error = (body as ErrorBody | undefined)?.error;
        reject(new ApiError(xhr.status, error?.code ?? 'HTTP_ERROR', error?.message ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload did not reach the server.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const removeAttachment = (id: string) => del<void>(`/api/attachments/${encodeURIComponent(id)}`);

/**
 * "617 bytes", "1.2 MB": decimal units (1 kB = 1,000 bytes), as the kB and MB they are named by,
 * and bytes in words (Intl's short form of the byte is "byte" whatever the count).
 */
export function formatSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return formatNumber(language, value, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
}

/** One upload at a time from a panel: its progress (announced), and what came of it. */
import { useState } from 'react';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { sendFile } from './attachmentsApi.ts';

export interface UploadState {
  name: string;
  fraction: number;
}

export function useUpload() {
  const [current, setCurrent] = useState<UploadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = async (path: string, files: File[]): Promise<AttachmentDto[]> => {
    setError(null);
    setDone(null);
    const sent: AttachmentDto[] = [];
    for (const file of files) {
      setCurrent({ name: file.name, fraction: 0 });
      try {
        sent.push(await sendFile(path, file, (fraction) => setCurrent({ name: file.name, fraction })));
        setDone(file.name);
      } catch (failure) {
        setError(`${file.name}: ${(failure as Error).message}`);
      }
    }
    setCurrent(null);
    return sent;
  };
  return { current, error, done, send };
}

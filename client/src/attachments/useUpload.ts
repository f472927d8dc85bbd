/** One upload at a time from a panel: its progress (announced), and what came of it. */
import { useState } from 'react';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { sendFile } from './attachmentsApi.ts';

export interface UploadState {
  name: string;
  fraction: number;
}

/** The last document added or removed from here, said in the status line. */
export interface UploadOutcome {
  id: string;
  name: string;
  /** The version the upload made (1 for a new document, more for a new version of one). */
  version: number;
  removed: boolean;
}

export function useUpload() {
  const [current, setCurrent] = useState<UploadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<UploadOutcome | null>(null);
  const send = async (path: string, files: File[]): Promise<AttachmentDto[]> => {
    setError(null);
    setDone(null);
    const sent: AttachmentDto[] = [];
    for (const file of files) {
      setCurrent({ name: file.name, fraction: 0 });
      try {
        const stored = await sendFile(path, file, (fraction) => setCurrent({ name: file.name, fraction }));
        sent.push(stored);
        // Said by the name the board keeps (a path cut off, a bidi override replaced), as the list shows it.
        setDone({ id: stored.id, name: stored.name, version: stored.version, removed: false });
      } catch (failure) {
        setError(`${file.name}: ${(failure as Error).message}`);
      }
    }
    setCurrent(null);
    return sent;
  };
  /** A document removed from this panel: the status line says so instead of an earlier "added". */
  const noteRemoved = (attachment: { id: string; name: string; version: number }) => {
    setError(null);
    setDone({ id: attachment.id, name: attachment.name, version: attachment.version, removed: true });
  };
  return { current, error, done, send, noteRemoved };
}

/**
 * Files sent one after another from a panel: the progress of the one under way (announced), and
 * what came of them all, said once the last is done.
 */
import { useState } from 'react';
import type { AttachmentDto } from '../../../shared/schemas/attachments.ts';
import { sendFile } from './attachmentsApi.ts';

export interface UploadState {
  name: string;
  fraction: number;
  /** Which of the files chosen together this is (1-based), and how many there are. */
  position: number;
  total: number;
}

/** A document added or removed from here, said in the status line. */
export interface UploadOutcome {
  id: string;
  name: string;
  /** The version the upload made (1 for a new document, more for a new version of one). */
  version: number;
  removed: boolean;
}

export function useUpload() {
  const [current, setCurrent] = useState<UploadState | null>(null);
  // Every file of the last choice, set together at the end: setting each as it came made the status
  // line say only the last one (the others were replaced before a screen reader read them).
  const [done, setDone] = useState<UploadOutcome[]>([]);
  // Each refused file with its reason ("name: message"), so that one refusal hides neither the
  // others nor the files that were added.
  const [errors, setErrors] = useState<string[]>([]);
  const send = async (path: string, files: File[]): Promise<AttachmentDto[]> => {
    setErrors([]);
    setDone([]);
    const sent: AttachmentDto[] = [];
    const added: UploadOutcome[] = [];
    const refused: string[] = [];
    for (const [index, file] of files.entries()) {
      const at = { name: file.name, position: index + 1, total: files.length };
      setCurrent({ ...at, fraction: 0 });
      try {
        const stored = await sendFile(path, file, (fraction) => setCurrent({ ...at, fraction }));
        sent.push(stored);
        // Said by the name the board keeps (a path cut off, a bidi override replaced), as the list shows it.
        added.push({ id: stored.id, name: stored.name, version: stored.version, removed: false });
      } catch (failure) {
        refused.push(`${file.name}: ${(failure as Error).message}`);
      }
    }
    setCurrent(null);
    setDone(added);
    setErrors(refused);
    return sent;
  };
  /** A document removed from this panel: the status line says so instead of an earlier "added". */
  const noteRemoved = (attachment: { id: string; name: string; version: number }) => {
    setErrors([]);
    setDone([{ id: attachment.id, name: attachment.name, version: attachment.version, removed: true }]);
  };
  return { current, errors, done, send, noteRemoved };
}

/**
 * An element that takes files dropped on it: the handlers to spread on it and `data-dragging`
 * while files hover over it (styled as the drop highlight). Off, it takes nothing and the
 * browser keeps its own behaviour.
 */
import { type DragEvent, useState } from 'react';

export interface FileDropProps {
  'data-dragging'?: true;
  onDragOver?: (event: DragEvent) => void;
  onDragLeave?: (event: DragEvent) => void;
  onDrop?: (event: DragEvent) => void;
}

/** Whether a drag carries files (text or a link dragged within the page is left alone). */
const carriesFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

export function useFileDrop(enabled: boolean, onFiles: (files: File[]) => void): FileDropProps {
  const [dragging, setDragging] = useState(false);
  if (!enabled) return {};
  return {
    'data-dragging': dragging || undefined,
    onDragOver: (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: (event) => {
      // Moving onto a child element fires dragleave on this one; only leaving it for good ends the highlight.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
      setDragging(false);
    },
    onDrop: (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      if (event.dataTransfer.files.length > 0) onFiles([...event.dataTransfer.files]);
    },
  };
}

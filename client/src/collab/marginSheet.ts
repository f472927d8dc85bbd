/**
 * Whether the comments margin is a closed sheet (below the wide breakpoint) and how to open it:
 * given by the document's layout to what it shows in the margin, so that a link to a thread
 * (`?thread=`) can open the sheet before it moves the focus there (a hidden thread takes none).
 */
import { createContext, useContext } from 'react';

export interface MarginSheet {
  /** The margin is a sheet that is closed: nothing in it can be seen or focused. */
  hidden: boolean;
  /** Opens the sheet (nothing on a wide screen, where the margin is always shown). */
  show: () => void;
}

export const MarginSheetContext = createContext<MarginSheet>({ hidden: false, show: () => {} });

export const useMarginSheet = (): MarginSheet => useContext(MarginSheetContext);

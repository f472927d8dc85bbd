import { type ReactNode, useId } from 'react';

/**
 * A table of records (people, registrations, the audit log, the floor's balance) that scrolls sideways in its own region
 * on a narrow screen rather than widening the page. The region is named by the table's caption and
 * takes focus, so a keyboard can scroll it even when no cell holds a control.
 */
export function DataTable({
  caption,
  showCaption = false,
  className,
  children,
}: {
  caption: string;
  /** The caption in view (a table with a title of its own); else for screen readers only. */
  showCaption?: boolean;
  /** The region's own class, beside `table-wrap`. */
  className?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      role="region"
      aria-labelledby={captionId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take focus so the keyboard can scroll it
      tabIndex={0}
    >
      <table className="data-table">
        <caption id={captionId} className={showCaption ? undefined : 'sr-only'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

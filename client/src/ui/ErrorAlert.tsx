import type { ReactNode } from 'react';

/**
 * What went wrong, announced at once to screen readers (role="alert"); nothing when all is well.
 * The one way the interface shows an error.
 */
export function ErrorAlert({
  message,
  id,
  className,
}: {
  message: ReactNode | null | undefined | false;
  id?: string;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={className ? `alert alert--error ${className}` : 'alert alert--error'}>
      {message}
    </p>
  );
}

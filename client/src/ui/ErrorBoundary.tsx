/**
 * Keeps one failing part of a page from taking the rest down. Without it, an error thrown while
 * React renders (or in an effect) anywhere unmounts the whole tree and the page is left blank. A
 * boundary stands around each page's content and around each independent panel (the comments
 * margin, the tools, a meeting's tab, the live poll): when what is inside it throws, it shows in
 * its place what happened, "Try again" (mounts that part afresh) and "Reload the page", and the
 * rest of the page keeps working. The error goes to the console (console.error, by
 * `logCaughtError`, the root's `onCaughtError`) for whoever investigates, the end-to-end tests'
 * failure report included.
 *
 * Only errors of rendering and effects reach a boundary (React's rule): those of event handlers
 * and promises do not unmount anything and are shown by the part itself (ErrorAlert).
 */
import { Component, Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ErrorBoundaryProps {
  children?: ReactNode;
  /** `page` says the page failed; `part` (the default) says the rest of the page still works. */
  scope?: 'page' | 'part';
  /** Which part, in the console (not shown): `comments`, `tools`, `tab:polls`… */
  name: string;
  /** When it changes (another tab, another page), a part that failed is shown afresh. */
  resetKey?: unknown;
  className?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
  /** Bumped by "Try again": the children get a new key, so React mounts them afresh (new state, new effects). */
  attempt: number;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && !Object.is(previous.resetKey, this.props.resetKey)) this.retry();
  }

  retry = (): void => {
    this.setState((state) => ({ error: null, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error) {
      return (
        <PartFailed error={error} scope={this.props.scope ?? 'part'} className={this.props.className} onRetry={this.retry} />
      );
    }
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}

/** What a person sees in place of the part that failed. */
function PartFailed({
  error,
  scope,
  className,
  onRetry,
}: {
  error: Error;
  scope: 'page' | 'part';
  className?: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={className ? `alert alert--error part-failed ${className}` : 'alert alert--error part-failed'}>
      <p>{scope === 'page' ? t('errorBoundary.page') : t('errorBoundary.part')}</p>
      <p className="part-failed__actions">
        <button type="button" className="button" onClick={onRetry}>
          {t('errorBoundary.retry')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => window.location.reload()}>
          {t('errorBoundary.reload')}
        </button>
      </p>
      <details className="part-failed__details">
        <summary>{t('errorBoundary.details')}</summary>
        <code dir="ltr">{error.message}</code>
      </details>
    </div>
  );
}

/**
 * The root's `onCaughtError` (main.tsx): one console line per error a boundary caught, with the
 * part's name and where in the tree it was thrown. React's default would log it too, without the name.
 */
export function logCaughtError(error: unknown, info: { componentStack?: string; errorBoundary?: Component<unknown> }): void {
  const boundary = info.errorBoundary;
  const name = boundary instanceof ErrorBoundary ? boundary.props.name : 'unknown';
  console.error(
    `[plenary] part "${name}" of the page failed and shows a message in its place:`,
    error,
    info.componentStack ?? '',
  );
}

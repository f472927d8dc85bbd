/**
 * The one way the client talks HTTP to the server. Errors arrive as
 * `{"error": {"code", "message", "details"}}` and become an ApiError whose message is the
 * client's own sentence for the code, in the reader's language (client/src/i18n/en/errors.json);
 * the server's English sentence is kept only as `serverMessage`, for logs.
 */
import type { ErrorBody } from '../../../shared/errors.ts';
import { errorText } from '../i18n/errorText.ts';
import { takeEarly } from './earlyRequests.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly serverMessage: string;

  constructor(status: number, code: string, serverMessage: string, details?: unknown) {
    super(errorText(code, details));
    this.status = status;
    this.code = code;
    this.details = details;
    this.serverMessage = serverMessage;
  }
}

/** Who wants to know that the server no longer knows this browser's session. */
const sessionEndedListeners = new Set<() => void>();

/**
 * Called whenever the server answers UNAUTHORIZED (nobody signed in): the session ended while a
 * page was open (signed out everywhere, a password change, an administrator). Returns the unsubscribe.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // A GET (or a token's POST) the page started before React rendered (firstScreen.ts) is answered by that request.
    const early =
      method === 'GET' && body === undefined ? takeEarly(path) : method === 'POST' ? takeEarly(path, body) : undefined;
    response = await (early ??
      fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch (failure) {
    throw new ApiError(0, 'network', String(failure));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    if (response.status === 401 && error?.code === 'UNAUTHORIZED') for (const listener of sessionEndedListeners) listener();
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

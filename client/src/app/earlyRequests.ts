/**
 * Requests the first screen needs, started by main.tsx before React renders, so that they travel
 * while the page's code is still loading instead of one round trip after it (issue #15: on a
 * 150 ms link each request waited for the one before). Each answer is taken once, by the first
 * request of the same method, path and body; one not taken soon is dropped, so that a later visit
 * reads afresh. Besides reads, only requests that change nothing may start early (a collaboration
 * token: the server issues one to whoever asks, and an unused one expires).
 */

/** Longer than a slow first load takes; short enough that a later page reads afresh. */
const FRESH_MS = 15_000;

const started = new Map<string, { response: Promise<Response>; at: number }>();

/** A GET is named by its path, a POST by its path and JSON body. */
const keyOf = (path: string, body: unknown) => (body === undefined ? path : `POST ${path} ${JSON.stringify(body)}`);

/**
 * Starts a GET (or, with a body, a POST of that JSON) now; `takeEarly` hands its answer to the first
 * request of the same. The caller may look at the status of what is returned, or read a clone of it
 * at once, not read its body (the reader does).
 */
export function startEarly(path: string, body?: unknown): Promise<Response> {
  const response = fetch(
    path,
    body === undefined
      ? { credentials: 'same-origin' }
      : {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  // A failure is reported to the reader that takes it; none is left unhandled meanwhile.
  response.catch(() => undefined);
  started.set(keyOf(path, body), { response, at: performance.now() });
  return response;
}

/** The answer of an early request of this path (and body, for a POST), once, if it is fresh; otherwise undefined. */
export function takeEarly(path: string, body?: unknown): Promise<Response> | undefined {
  const key = keyOf(path, body);
  const early = started.get(key);
  if (!early) return undefined;
  started.delete(key);
  return performance.now() - early.at <= FRESH_MS ? early.response : undefined;
}

/**
 * Drops every early answer not taken yet: they were read for the session the page loaded with, and
 * signing in or out changes what the same reads return (a meeting refused before sign-in is readable
 * after it).
 */
export function forgetEarly(): void {
  started.clear();
}

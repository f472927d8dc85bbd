/**
 * Requests the first screen needs, started by main.tsx before React renders, so that they travel
 * while the page's code is still loading instead of one round trip after it (issue #15: on a
 * 150 ms link each request waited for the one before). Each answer is taken once, by the first
 * `get` of the same path; one not taken soon is dropped, so that a later visit reads afresh.
 */

/** Longer than a slow first load takes; short enough that a later page reads afresh. */
const FRESH_MS = 15_000;

const started = new Map<string, { response: Promise<Response>; at: number }>();

/**
 * Starts a GET now; `takeEarly` hands its answer to the first reader. The caller may look at the
 * status of what is returned, not read its body (the reader does).
 */
export function startEarly(path: string): Promise<Response> {
  const response = fetch(path, { credentials: 'same-origin' });
  // A failure is reported to the reader that takes it; none is left unhandled meanwhile.
  response.catch(() => undefined);
  started.set(path, { response, at: performance.now() });
  return response;
}

/** The answer of an early GET of this path, once, if it is fresh; otherwise undefined. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const early = started.get(path);
  if (!early) return undefined;
  started.delete(path);
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

/**
 * Time as every process on the machine sees it: CLOCK_MONOTONIC (what process.hrtime reads on
 * Linux) is one clock for the whole system, so a send time taken in one process and an arrival
 * time taken in another can be subtracted.
 */

/** Microseconds on the system-wide monotonic clock. */
export function nowUs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e6 + nanoseconds / 1e3;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps until a point on the monotonic clock (coarse timer, then a short spin for the last millisecond). */
export async function sleepUntil(atUs: number): Promise<void> {
  const waitMs = (atUs - nowUs()) / 1000;
  if (waitMs > 2) await sleep(waitMs - 1.5);
  while (nowUs() < atUs) await new Promise((resolve) => setImmediate(resolve));
}

/** Polls `check` until it returns true, or throws after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

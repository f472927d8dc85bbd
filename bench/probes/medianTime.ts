/** What the probes share: the median of some times, and the median time of a read run again and again. */

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds one run of `run` takes. */
export async function timeOnce(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The median of `repeats` runs of `run`, milliseconds. */
export async function medianTime(run: () => Promise<unknown>, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) times.push(await timeOnce(run));
  return median(times);
}

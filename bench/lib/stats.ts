/** Percentiles of raw samples (the benchmark keeps every sample; no histogram approximation). */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export function sorted(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) out[n++] = value;
  }
  return out.subarray(0, n).sort();
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sortedValues: Float64Array, p: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[rank]!;
}

export function summarize(values: ArrayLike<number>): Summary {
  const s = sorted(values);
  let sum = 0;
  for (const value of s) sum += value;
  return {
    count: s.length,
    mean: s.length ? sum / s.length : Number.NaN,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    p999: percentile(s, 99.9),
    max: s.length ? s[s.length - 1]! : Number.NaN,
  };
}

/** Points of the percentile curve (percentile, value), for charts: dense towards the tail. */
export function percentileCurve(values: ArrayLike<number>): [number, number][] {
  const s = sorted(values);
  if (s.length === 0) return [];
  const points: [number, number][] = [];
  for (let nines = 0; nines <= 3.0001; nines += 0.05) {
    const p = 100 * (1 - 10 ** -nines);
    points.push([Math.round(p * 1000) / 1000, percentile(s, p)]);
  }
  points.push([100, s[s.length - 1]!]);
  return points;
}

/** Concatenates sample arrays. */
export function concat(parts: ArrayLike<number>[]): Float64Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Float64Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part as ArrayLike<number>, at);
    at += part.length;
  }
  return out;
}

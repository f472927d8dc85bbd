/**
 * A small, dependency-free sequence diff (longest common subsequence after trimming the common
 * ends), enough for the blocks of an agenda and the characters of a paragraph.
 */

export interface Match {
  a: number;
  b: number;
}

/** Cells of the LCS table above which the middle is treated as replaced wholesale. */
const MAX_CELLS = 4_000_000;

/** Index pairs of a longest common subsequence of `a` and `b`, in order. */
export function commonSubsequence<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is): Match[] {
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const head: Match[] = Array.from({ length: start }, (_, i) => ({ a: i, b: i }));
  const tail: Match[] = Array.from({ length: a.length - endA }, (_, i) => ({ a: endA + i, b: endB + i }));
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return [...head, ...tail];
  // lengths[i][j]: LCS of a[start+i..endA) and b[start+j..endB)
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = equal(a[start + i]!, b[start + j]!)
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const middle: Match[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equal(a[start + i]!, b[start + j]!)) {
      middle.push({ a: start + i, b: start + j });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return [...head, ...middle, ...tail];
}

/** The stretches between matches: `a[aFrom..aTo)` became `b[bFrom..bTo)`. */
export interface Gap {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

export function gapsBetween(matches: readonly Match[], aLength: number, bLength: number): Gap[] {
  const gaps: Gap[] = [];
  let a = 0;
  let b = 0;
  for (const match of [...matches, { a: aLength, b: bLength }]) {
    if (match.a > a || match.b > b) gaps.push({ aFrom: a, aTo: match.a, bFrom: b, bTo: match.b });
    a = match.a + 1;
    b = match.b + 1;
  }
  return gaps;
}

/**
 * When two options of a poll are the same: the server refuses them and the form says so before
 * sending, with this one rule so that the two never disagree. Case, surrounding spaces, runs of
 * white space inside a label (no-break and ideographic spaces too) and letter width do not make it
 * another option ("Digital trust" and " digital\u00a0 Trust", "ＹＥＳ" and "Yes"): the key is the
 * label's normal form (`normalizeName`, NFKC, as working group names and liaison titles), case aside.
 */

import { nameKey } from './normalizeName.ts';

/** What two labels must share to be the same option. */
export function optionKey(label: string): string {
  return nameKey(label);
}

/** The index of the first label that repeats an earlier one (the second of the pair), or -1. */
export function duplicateOptionIndex(labels: readonly string[]): number {
  const seen = new Set<string>();
  for (const [index, label] of labels.entries()) {
    const key = optionKey(label);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return -1;
}

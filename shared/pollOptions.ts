/**
 * When two options of a poll are the same: the server refuses them and the form says so before
 * sending, with this one rule so that the two never disagree. Case, surrounding spaces and runs of
 * spaces inside a label do not make it another option ("Digital trust" and " digital  Trust").
 */

/** What two labels must share to be the same option. */
export function optionKey(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
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

/**
 * A name as it is stored and compared: Unicode NFKC (full-width Latin from a Chinese input method
 * is ordinary Latin, ligatures are letters, "㍿" is "株式会社"), every run of white space (a
 * no-break space pasted from a French word processor, the narrow no-break and ideographic spaces,
 * tabs, line breaks) one ordinary space, trimmed. Case and accents stay as typed. Names that look
 * the same on screen are then the same text: working group names, liaison titles and poll option
 * labels (`optionKey`) all go through it, so that one way of writing a thing is one thing.
 */
export function normalizeName(text: string): string {
  // NFKC first: it turns U+00A0, U+202F, U+3000 into U+0020, and \s (Unicode White_Space in a
  // `u` regex) takes the rest.
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** Two names are one when their normal forms are, case aside (every letter, not ASCII only). */
export function nameKey(text: string): string {
  return normalizeName(text).toLocaleLowerCase('en');
}

/**
 * What a request may send for a name whose limit is `limit` once normal: the schema bounds only the
 * text as sent, so that a request is not a page of spaces, and the service counts the limit on
 * `normalizeName`'s form (`nameLength`), the one stored. A name typed with runs of spaces or
 * no-break spaces that fits once they are one space is taken, not refused for what it was typed with.
 */
export function sentNameLimit(limit: number): number {
  return limit * 4;
}

/** A length as the schemas' maxLength counts it: in code points, not UTF-16 units. */
export function nameLength(text: string): number {
  return [...text].length;
}

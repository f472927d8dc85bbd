/**
 * Whether a text people wrote shows anything: a title, a name or a comment made only of blank or
 * invisible characters would be listed with nothing to read or click, so it counts as empty.
 */

/**
 * Characters that show nothing on their own: white space of every script (`\s` with the `u` flag:
 * tab, NBSP, U+1680, U+2000–U+200A, U+3000, U+FEFF…), the default-ignorable code points (zero-width
 * space, non-joiner and joiner, word joiner, soft hyphen, bidi marks, variation selectors, Hangul
 * fillers), control characters, and the braille blank U+2800, which fonts draw as nothing. Combining
 * marks too (accents, harakat, vowel signs, an enclosing keycap): with no letter to sit on they are
 * drawn on a dotted circle or not at all, and text in any script has its letters besides them.
 */
const INVISIBLE = '\\s\\p{Default_Ignorable_Code_Point}\\p{Cc}\\p{M}\\u2800';

/**
 * A JSON Schema `pattern` (ECMAScript with the `u` flag, as Ajv compiles it) that a text matches
 * when it has at least one visible character anywhere: an invisible one before, between or after
 * visible ones is left alone.
 */
export const VISIBLE_TEXT_PATTERN = `[^${INVISIBLE}]`;

const visible = new RegExp(VISIBLE_TEXT_PATTERN, 'u');

export function hasVisibleText(text: string): boolean {
  return visible.test(text);
}

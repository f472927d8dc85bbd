/**
 * Accent- and case-insensitive matching: text is folded with NFKD, the accents of Latin letters
 * and the Arabic harakat dropped, recomposed and lower-cased. Letters of other scripts keep
 * their marks (Russian й is a letter of its own, not an accented и), as the databases' own
 * folding does (FTS5 remove_diacritics, unaccent), so query and index agree.
 * Folding keeps a map back to the original text so that snippets highlight the real words.
 */

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the original character it came from. */
  origin: number[];
}

const LATIN_ACCENTS = /(\p{Script=Latin})\p{M}+/gu;
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670]/gu;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(LATIN_ACCENTS, '$1').replace(ARABIC_MARKS, '').normalize('NFC').toLowerCase();
}

export function foldWithMap(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = fold(char);
    out += folded;
    for (let i = 0; i < folded.length; i++) origin.push(index);
    index += char.length;
  }
  return { text: out, origin };
}

/** The query's words, folded; whitespace separates words (Chinese needs none: a word is a substring). */
export function queryWords(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .split(/\s+/u)
        .filter((word) => word.length > 0),
    ),
  ].slice(0, 8);
}

export interface Snippet {
  snippet: string;
  matches: [number, number][];
}

const CONTEXT = 60;

/** A piece of `text` around its first match, with the offsets of every match inside it. */
export function snippetOf(text: string, words: string[], width = 2 * CONTEXT + 40): Snippet {
  const { text: folded, origin } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      const end = at + word.length;
      const start = origin[at]!;
      const last = origin[end - 1]!;
      const lastChar = text.codePointAt(last)!;
      ranges.push([start, last + (lastChar > 0xffff ? 2 : 1)]);
      from = end;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0];
  if (!first) return { snippet: text.slice(0, width).trim(), matches: [] };
  let start = Math.max(0, first[0] - CONTEXT);
  // Start on a word boundary where there are spaces.
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    if (space >= 0 && first[0] - space < CONTEXT + 20) start = space + 1;
  }
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const snippet = prefix + text.slice(start, end) + suffix;
  const matches: [number, number][] = [];
  let lastEnd = -1;
  for (const [a, b] of ranges) {
    if (a < start || b > end || a < lastEnd) continue;
    matches.push([a - start + prefix.length, b - start + prefix.length]);
    lastEnd = b;
  }
  return { snippet, matches };
}

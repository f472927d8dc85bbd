/**
 * Accent- and case-insensitive matching: text is folded with NFKD, the accents of Latin letters
 * and the Arabic marks (harakat, hamza, madda) dropped, recomposed and lower-cased. Letters of
 * other scripts keep their marks (Russian й is a letter of its own, not an accented и), as the
 * databases' own folding does (FTS5 remove_diacritics, unaccent). Neither database folds Arabic,
 * so the index side applies `sqlArabicFold`, the same folding in SQL: query and index agree.
 * Folding keeps a map back to the original text so that snippets highlight the real words.
 */
import { SEARCH_LIMITS } from '../../../shared/constants/search.ts';

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the original character it came from. */
  origin: number[];
}

const LATIN_ACCENTS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Arabic marks dropped: Quranic signs, harakat, hamza and madda above or below (U+0653-U+0655),
 * the superscript alef, and the tatweel (a stretching stroke, not a letter).
 */
export const ARABIC_MARKS: readonly number[] = [...range(0x0610, 0x061a), 0x0640, ...range(0x064b, 0x065f), 0x0670];
/**
 * Arabic letters folded to their base letter: hamza and madda on a carrier, and the alef wasla.
 * NFKD already splits the first ones into letter + mark, but the databases index the text as it is,
 * so their SQL folds (sqlArabicFold below) need the letters themselves: people type الانترنت for الإنترنت.
 */
export const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ → ا
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064a', // ئ → ي
  '\u06c0': '\u06d5', // ۀ → ە
  '\u06c2': '\u06c1', // ۂ → ہ
  '\u06d3': '\u06d2', // ۓ → ے
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const ARABIC_MARK_PATTERN = new RegExp(`[${ARABIC_MARKS.map((code) => `\\u{${code.toString(16)}}`).join('')}]`, 'gu');
const ARABIC_LETTER_PATTERN = new RegExp(`[${Object.keys(ARABIC_LETTERS).join('')}]`, 'gu');

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '$1')
    .replace(ARABIC_MARK_PATTERN, '')
    .replace(ARABIC_LETTER_PATTERN, (letter) => ARABIC_LETTERS[letter]!)
    .normalize('NFC')
    .toLowerCase();
}

/**
 * The Arabic part of `fold` as SQL over `expr`, for the index side (which the databases fold for
 * case and Latin accents themselves): SQLite through nested `replace`, PostgreSQL through `translate`
 * (characters of its second argument without a counterpart in the third are removed).
 */
export function sqlArabicFold(expr: string, dialect: 'sqlite' | 'postgres'): string {
  const marks = ARABIC_MARKS.map((code) => String.fromCodePoint(code));
  const letters = Object.entries(ARABIC_LETTERS);
  if (dialect === 'postgres') {
    const from = letters.map(([letter]) => letter).join('') + marks.join('');
    const to = letters.map(([, base]) => base).join('');
    return `translate(${expr}, '${from}', '${to}')`;
  }
  let sql = expr;
  for (const [letter, base] of letters) sql = `replace(${sql}, '${letter}', '${base}')`;
  for (const mark of marks) sql = `replace(${sql}, '${mark}', '')`;
  // Text without a character in the tables' range skips the replacements (half an agenda store's time).
  const codes = [...ARABIC_MARKS, ...Object.keys(ARABIC_LETTERS).map((letter) => letter.codePointAt(0)!)];
  const [low, high] = [Math.min(...codes), Math.max(...codes)].map((code) => String.fromCodePoint(code));
  return `CASE WHEN ${expr} GLOB '*[${low}-${high}]*' THEN ${sql} ELSE ${expr} END`;
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

/** Every different word of the query, folded; whitespace separates words (Chinese needs none: a word is a substring). */
export function allQueryWords(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .split(/\s+/u)
        .filter((word) => word.length > 0),
    ),
  ];
}

/** The words a search uses: the first SEARCH_LIMITS.queryWords different ones. */
export function queryWords(query: string): string[] {
  return allQueryWords(query).slice(0, SEARCH_LIMITS.queryWords);
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

/**
 * Accent- and case-insensitive matching: text is folded with NFKD, the accents of Latin letters
 * dropped, recomposed (NFC), the Arabic marks (harakat, hamza, madda) dropped, the letters of
 * `FOLD_LETTERS` replaced (Arabic hamza carriers, Russian ё, Greek ς) and lower-cased. Letters of other
 * scripts keep their marks (Russian й is a letter of its own, not an accented и), and so do the
 * Latin letters that are letters of their own (ß, æ, ø, ł, ı: "Straße" is not searched as "strasse").
 *
 * `fold` decides, and both stores index the same text: PostgreSQL's `search_fold` is the same
 * steps in SQL (`sqlFold('postgres')`: normalize, regexp_replace over the same Latin letters and
 * marks, translate from the same tables, lower), no longer `unaccent`, whose rules made ß "ss",
 * ø "o", ё "е" in the index while the query kept them, so that "Straße" or "Ёлка" found nothing.
 * SQLite indexes the text `fold` gives, calling it as an SQL function (`sqlFold('sqlite')`), so the
 * two stores fold every form alike, the rarer compatibility forms included.
 * Folding keeps a map back to the original text so that snippets highlight the real words.
 */
import { SEARCH_LIMITS } from '../../../shared/constants/search.ts';

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the original character it came from. */
  origin: number[];
}

const LATIN = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
const LATIN_ACCENTS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Arabic marks dropped: Quranic signs, harakat, hamza and madda above or below (U+0653-U+0655),
 * the superscript alef, and the tatweel (a stretching stroke, not a letter).
 */
export const ARABIC_MARKS: readonly number[] = [...range(0x0610, 0x061a), 0x0640, ...range(0x064b, 0x065f), 0x0670];
/**
 * Letters folded to another, after NFC. Arabic: hamza and madda on a carrier, and the alef wasla,
 * to their base letter (people type الانترنت for الإنترنت). Russian: ё to е, as most Russian text
 * is written ("елка" finds "Ёлка" and "ёлка" finds "елка"); й stays (a letter of its own).
 * Greek: the final sigma, so that the stores' lower cases agree.
 */
export const FOLD_LETTERS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ → ا
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064a', // ئ → ي
  '\u06c0': '\u06d5', // ۀ → ە
  '\u06c2': '\u06c1', // ۂ → ہ
  '\u06d3': '\u06d2', // ۓ → ے
  '\u0401': '\u0415', // Ё → Е
  '\u0451': '\u0435', // ё → е
  '\u03c2': '\u03c3', // ς → σ: PostgreSQL's lower makes every Σ σ, JavaScript's a final one ς
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const ARABIC_MARK_PATTERN = new RegExp(`[${ARABIC_MARKS.map((code) => `\\u{${code.toString(16)}}`).join('')}]`, 'gu');
const LETTER_PATTERN = new RegExp(`[${Object.keys(FOLD_LETTERS).join('')}]`, 'gu');

/**
 * Characters that every step of `fold` leaves as they are but for ASCII's lower case: ASCII and the
 * CJK unified ideographs (basic block and extension A) have no decomposition, no mark, no case of
 * their own, and never compose with a neighbour. A text of these alone folds by `toLowerCase`; in
 * `foldWithMap` a run of them maps one to one. Each is a single UTF-16 unit, read by `charCodeAt`.
 */
const isSelfFolding = (unit: number) => unit <= 0x7f || (unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0x4e00 && unit <= 0x9fff);

export function fold(text: string): string {
  // The fast path: most comments, titles and Chinese text without full-width punctuation skip the
  // two normalizations and three regular expressions (a fifth of the time on 200 characters).
  for (let at = 0; at < text.length; at++) {
    if (!isSelfFolding(text.charCodeAt(at))) return foldEveryStep(text);
  }
  return text.toLowerCase();
}

/** `fold`'s steps, for any text (exported for the test that the fast path folds exactly as these). */
export function foldEveryStep(text: string): string {
  return text
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '$1')
    .normalize('NFC')
    .replace(ARABIC_MARK_PATTERN, '')
    .replace(LETTER_PATTERN, (letter) => FOLD_LETTERS[letter]!)
    .toLowerCase()
    .replaceAll('\u03c2', '\u03c3');
}

/**
 * The code points matching `pattern`, as ranges [from, to]: the PostgreSQL fold lists the Latin
 * letters and the marks that this Node's Unicode knows (40 ms, once per process, on PostgreSQL
 * only). A newer Node that knows more changes `search_fold`, and its change refolds the
 * documents' rows at start.
 */
function rangesOf(pattern: RegExp): [number, number][] {
  const ranges: [number, number][] = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    // Planes 2 to 13 hold ideographs and nothing yet (no Latin letter, no mark): skipped.
    if (code === 0x20000) code = 0xe0000;
    if (!pattern.test(String.fromCodePoint(code))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  return ranges;
}

/** A PostgreSQL regular expression's bracket expression of these ranges (\uXXXX, \UXXXXXXXX). */
function pgClass(ranges: [number, number][]): string {
  const pgChar = (code: number) =>
    code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  return `[${ranges.map(([from, to]) => (from === to ? pgChar(from) : `${pgChar(from)}-${pgChar(to)}`)).join('')}]`;
}

let postgresLatinAccents: string | undefined;

/** The name under which SQLite calls `fold` (every connection has it: storage/sqliteDb.ts), as PostgreSQL calls its SQL. */
export const SQLITE_FOLD_FUNCTION = 'search_fold';

/**
 * `fold` as SQL over `expr`, for the index side.
 * - PostgreSQL: the same steps: `normalize`, `regexp_replace` of the marks after a Latin letter (the
 *   classes listed from the very regular expressions `fold` uses), `normalize`, `translate` (characters
 *   of its second argument without a counterpart in the third are removed: the Arabic marks), `lower`.
 * - SQLite: `fold` itself, a JavaScript function every connection defines. It replaced nested
 *   `replace` calls (Arabic marks and letters, ё, full-width ASCII, ligatures), which cost ten times
 *   the fold on 20,000 characters of Chinese (101 passes over the text) and could not reach the
 *   rarer forms NFKD unfolds (Arabic presentation forms, circled and mathematical letters, Kangxi
 *   radicals…: thousands of characters), so SQLite's index missed what PostgreSQL's found.
 */
export function sqlFold(expr: string, dialect: 'sqlite' | 'postgres'): string {
  if (dialect === 'sqlite') return `${SQLITE_FOLD_FUNCTION}(${expr})`;
  const marks = ARABIC_MARKS.map((code) => String.fromCodePoint(code));
  const letters = Object.entries(FOLD_LETTERS);
  postgresLatinAccents ??= `(${pgClass(rangesOf(LATIN))})${pgClass(rangesOf(MARK))}+`;
  const from = letters.map(([letter]) => letter).join('') + marks.join('');
  const to = letters.map(([, base]) => base).join('');
  const unaccented = `normalize(regexp_replace(normalize(${expr}, NFKD), '${postgresLatinAccents}', '\\1', 'g'), NFC)`;
  return `lower(translate(${unaccented}, '${from}', '${to}'))`;
}

/**
 * How a BMP character folds in `foldWithMap`, learned the first time it is seen (once per process):
 * SIMPLE folds alone as its `toLowerCase`, to one unit, whatever its neighbours (ASCII, CJK, most
 * Cyrillic and Arabic letters); JOINS belongs to the sequence before it (a combining mark, or a
 * character whose decomposition starts with one, or a Hangul vowel or final jamo, which NFC composes
 * with what precedes them); OTHER folds through every step. Σ is never SIMPLE: its lower case depends
 * on its neighbours (a final ς), which `fold` maps back to σ.
 */
const UNKNOWN = 0;
const SIMPLE = 1;
const JOINS = 2;
const OTHER = 3;
const kinds = new Uint8Array(0x10000);
const supplementaryJoins = new Map<number, boolean>();

/** Whether a code point joins the one before it: its decomposition starts with a mark or a Hangul vowel or final jamo. */
function joinsPrevious(code: number): boolean {
  const first = String.fromCodePoint(code).normalize('NFKD').codePointAt(0)!;
  return MARK.test(String.fromCodePoint(first)) || (first >= 0x1160 && first <= 0x11ff) || (first >= 0xd7b0 && first <= 0xd7ff);
}

function kindOf(unit: number): number {
  const known = kinds[unit]!;
  if (known !== UNKNOWN) return known;
  let kind = OTHER;
  if (unit >= 0xd800 && unit <= 0xdfff)
    kind = OTHER; // half a code point: its pair is looked at whole
  else if (joinsPrevious(unit)) kind = JOINS;
  else {
    const char = String.fromCharCode(unit);
    const lower = char.toLowerCase();
    if (unit !== 0x03a3 && lower.length === 1 && foldEveryStep(char) === lower) kind = SIMPLE;
  }
  kinds[unit] = kind;
  return kind;
}

/** Whether the code point at `at` joins the sequence before it. */
function joinsAt(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (unit < 0xd800 || unit > 0xdbff) return kindOf(unit) === JOINS;
  const code = text.codePointAt(at)!;
  if (code <= 0xffff) return false; // a lone high surrogate
  let joins = supplementaryJoins.get(code);
  if (joins === undefined) {
    joins = joinsPrevious(code);
    supplementaryJoins.set(code, joins);
  }
  return joins;
}

const codePointLength = (text: string, at: number) => (text.codePointAt(at)! > 0xffff ? 2 : 1);

/** The end of the combining sequence that starts, or goes on, at `at`: past every code point that joins it. */
export function sequenceEnd(text: string, at: number): number {
  let end = at + codePointLength(text, at);
  while (end < text.length && joinsAt(text, end)) end += codePointLength(text, end);
  return end;
}

/**
 * `text` folded combining sequence by combining sequence (a character and the marks that follow it:
 * "e" + U+0301, an Arabic letter and its harakat, a Vietnamese vowel with two stacked marks), each
 * folded as `fold` folds it, with the map back to where the sequence starts. Folding character by
 * character (until 2026-12-08) left a decomposed accent in the folded text, so "cafe" marked
 * "café" without its accent and "cafes" or "viet" did not mark "cafés" or "việt" at all, which the
 * index (folding the whole text) had found. Now the folded text is `fold(text)`.
 * Cost: a run of SIMPLE characters (ASCII, CJK ideographs, most Cyrillic and Arabic letters) is
 * lower-cased and mapped one to one in a piece; any other sequence is folded once per call however
 * often it recurs. Russian and Arabic went through the per-character path before (5–17 ms per
 * 20,000 characters on a loaded machine), now through runs.
 */
export function foldWithMap(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  const folds = new Map<string, string>();
  let index = 0;
  while (index < text.length) {
    let end = index;
    while (end < text.length && kindOf(text.charCodeAt(end)) === SIMPLE) end++;
    // The run's last character starts a sequence when a mark follows it.
    if (end > index && end < text.length && joinsAt(text, end)) end--;
    if (end > index) {
      out += text.slice(index, end).toLowerCase();
      for (let at = index; at < end; at++) origin.push(at);
      index = end;
      continue;
    }
    const next = sequenceEnd(text, index);
    const sequence = text.slice(index, next);
    let folded = folds.get(sequence);
    if (folded === undefined) {
      folded = foldEveryStep(sequence);
      folds.set(sequence, folded);
    }
    out += folded;
    for (let i = 0; i < folded.length; i++) origin.push(index);
    index = next;
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
      // The whole sequences the match folded from: "cafe" marks "café" with its decomposed accent.
      ranges.push([origin[at]!, sequenceEnd(text, origin[end - 1]!)]);
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

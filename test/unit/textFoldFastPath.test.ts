/**
 * The fast paths of search folding (server/src/search/textFold.ts) fold exactly as the full steps:
 * `fold` skips them for a text of ASCII and CJK ideographs only, and `foldWithMap` maps runs of
 * characters that fold alone as their lower case (ASCII, CJK, most Cyrillic and Arabic letters)
 * one to one and folds each other combining sequence once per call. A search finds, and marks, what the
 * full steps say, so the fast paths may change nothing: checked over the naughty strings, text in
 * the six languages with the rarer forms, random mixtures, and every character the fast paths take.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Folded, fold, foldEveryStep, foldWithMap } from '../../server/src/search/textFold.ts';

/** The Big List of Naughty Strings (MIT licence), as the comment tests read it. */
const BLNS = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../helpers/blns.json'), 'utf8')) as string[];

/** A code point that joins the one before it: its decomposition starts with a mark or a Hangul vowel or final jamo. */
const joins = (char: string) => /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u.test(char.normalize('NFKD'));

/**
 * `foldWithMap` without its fast path: every combining sequence (a code point and those joining it)
 * through every step of the fold, mapped to where the sequence starts.
 */
function foldEachSequence(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  const chars = [...text];
  let index = 0;
  for (let k = 0; k < chars.length; ) {
    let sequence = chars[k++]!;
    while (k < chars.length && joins(chars[k]!)) sequence += chars[k++]!;
    const folded = foldEveryStep(sequence);
    out += folded;
    for (let i = 0; i < folded.length; i++) origin.push(index);
    index += sequence.length;
  }
  return { text: out, origin };
}

const LANGUAGES = [
  'Le Résumé de la RÉUNION, ﬁnancement et œuvre: e\u0301te\u0301, A\u030angström',
  'الإنترنت أسئلة المسؤولين مُشَارَكَة الإنـترنت ﺍﻟﺈﻧﺘﺮﻧﺖ ﻻ',
  'Ёлка ёлка Е\u0308ЛКА Йод ΣΊΣΥΦΟΣ Straße İstanbul',
  '各国代表团讨论了全球数字契约，（包括人工智能）：数据保护！？　⼈⼯ 豈 㐀𠀀',
  'ＡＢＣ１２３ ⓘⓖⓕ 𝐌𝐀𝐆 ĳsselmeer ǆ Ⅻ ㎞ ² ½',
  'Sin embargo, la sesión pública comenzó a las 10:00; ¿PREGUNTAS? ¡Sí!',
  // Decomposed: café, an Arabic word with harakat and shadda, Vietnamese with two stacked marks, Hangul jamo.
  'cafe\u0301s Vie\u0302\u0323t Nam \u0645\u064f\u0634\u064e\u0627\u0631\u064e\u0643\u064e\u0629\u064c \u0627\u0644\u0625\u0646\u062a\u0631\u0646\u062a\u0650 \u1100\u1161\u11a8 \uff76\uff9e',
];

/** A pool mixing what the fast paths take with what must go through every step, at their borders. */
const POOL = [
  ...'aZ09 .,<>\t\n\u0000\u007f',
  ...'语中文㐀䶵鿿',
  '\u0301',
  '\u0308',
  '\u0338',
  '\u064b',
  '\u0640',
  ...'éÅΣςЁёİıßﬁＡ，。　⼈豈ⓘﻻ',
  ...'жЖبأة',
  '\u0302',
  '\u0323',
  '\u0651',
  '\u1161',
  '\uff9e',
  '𝐌',
  '𠀀',
  '\ud800',
  '\udc00',
];

/** Deterministic random mixtures (a linear congruential generator: the same strings every run). */
function mixtures(count: number, length: number): string[] {
  let seed = 20261207;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  return Array.from({ length: count }, () => Array.from({ length }, () => POOL[next() % POOL.length]).join(''));
}

describe('the fast paths of search folding', () => {
  const texts = [
    ...BLNS,
    ...LANGUAGES,
    // Each naughty string between ASCII and ideographs, whose runs meet its first and last characters.
    ...BLNS.map((text) => `Ab${text}语E\u0301`),
    ...mixtures(2_000, 24),
    LANGUAGES.join(' ').repeat(50),
  ];

  it('folds every character of the Basic Multilingual Plane, alone and between ASCII and an ideograph, as every step would', {
    timeout: 30_000,
  }, () => {
    // Whatever the fast paths take (ASCII and CJK ideographs today), a character they take wrongly
    // differs here: U+3000, the ideographic space, is a space once folded; é loses its accent.
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const text = `A${char}语`;
      const alone = foldEveryStep(char);
      const mapped = foldWithMap(char);
      // foldWithMap folds each character alone, so its borders are checked by the mixtures below.
      // Between Cyrillic and Arabic letters (what the new run takes), and before a mark.
      const between = `ж${char}б\u0301`;
      const same =
        foldWithMap(between).text === fold(between) &&
        fold(char) === alone &&
        fold(text) === foldEveryStep(text) &&
        mapped.text === alone &&
        mapped.origin.length === alone.length &&
        mapped.origin.every((at) => at === 0);
      if (!same) differing.push(JSON.stringify(text));
    }
    expect(differing).toEqual([]);
  });

  it('folds the naughty strings, text in the six languages and random mixtures exactly as every step would', () => {
    expect(BLNS.length).toBeGreaterThan(500);
    expect(texts.filter((text) => fold(text) !== foldEveryStep(text))).toEqual([]);
  });

  it('maps them back to the original characters exactly as folding each combining sequence on its own does', () => {
    for (const text of texts) expect(foldWithMap(text), JSON.stringify(text)).toEqual(foldEachSequence(text));
  });

  it('folds them, with the map, exactly as the index folds the whole text', () => {
    expect(texts.filter((text) => foldWithMap(text).text !== fold(text)).map((text) => JSON.stringify(text))).toEqual([]);
  });
});
